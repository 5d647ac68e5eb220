-- A class's roster read from the index alone: re-importing a package
-- compares every stored place of the classes it lists, 500 classes at a
-- time, and with an index on class_id only, each place cost a second
-- lookup in the table (keyed by student). With the columns the comparison
-- reads in the index, that step of re-importing a 100,000-student package
-- took 1.3-1.7 s instead of 2.9 s, and the whole re-import 5.7-6.1 s
-- instead of 7.1-7.3 s; the first import took as long as before, and the
-- database grew from 217 to 252 MB (BENCHMARKS.md).
CREATE INDEX class_students_roster ON class_students (class_id, student_id, begin_date, end_date, active);
DROP INDEX class_students_class;
