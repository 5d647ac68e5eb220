# Waypoint, English. Keys are grouped by page; every user-facing string
# in the web layer comes from here.

## Layout
skip-to-content = Skip to main content
nav-label = Main
nav-home = Home
nav-admin = Administration
nav-account = My account
nav-sign-out = Sign out
signed-in-as = Signed in as { $name }
language = Language:
footer-privacy = Waypoint keeps your information on your school's server. Nothing is shared with advertisers or outside services.

## Errors
error-go-home = Go to your home page
error-bad-request-title = Something is wrong with that request
error-bad-request = The address or form could not be read. Go back and try again.
error-forbidden-title = You do not have access
error-forbidden = Your account does not have permission to see or change this.
error-not-found-title = Page not found
error-not-found = There is nothing at this address. Check the link, or go back to your home page.
error-too-large-title = Too much data
error-too-large = What you sent is larger than Waypoint accepts.
error-invalid-title = Please check your answers
error-invalid = Some of what you entered could not be used.
error-throttled-title = Too many attempts
error-throttled = Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an adult at your school for help.
error-unavailable-title = Waypoint is busy
error-unavailable = Waypoint cannot reach its database right now. Try again in a minute.
error-internal-title = Something went wrong
error-internal = Waypoint ran into a problem. It has been recorded; please try again.
error-csrf-title = This form has expired
error-csrf = For your safety, Waypoint could not accept this form. Reload the page and try again.
form-has-errors = There is a problem
error-required = Fill in this field.
error-too-long = This is too long.
error-email = Enter an e-mail address like name@example.org.
error-username = Use 3 to 64 letters, numbers, dots, dashes or underscores.
error-username-taken = That username is taken. Choose another.
error-email-taken = That e-mail address already has an account.
error-date = Enter a date as YYYY-MM-DD, for example 2026-08-15.
error-date-order = The end date must be after the start date.
error-grade = Enter a grade from 0 to 13.
error-grade-order = The highest grade must not be lower than the lowest grade.
error-code-taken = Another organisation already uses that code.
error-year-taken = That school year already exists.
error-choice = Choose one of the options.
error-conflict = That clashes with something already saved.
error-sign-in = The username or password is not right.
error-password-too-short = Use at least 8 characters. A few words together make a good password.
error-password-too-long = Use at most 128 characters.
error-password-common = That password is too common or too easy to guess. Try a few unrelated words.
error-password-username = Your password must not contain your username.
error-password-mismatch = The two passwords do not match.
error-current-password = Your current password is not right.
error-invite-code = That code is not valid. It may have expired or been used already.
error-own-role = You cannot remove your own role.
error-other-school = Every student must be at this school.
error-none-selected = Select at least one student.
error-mentor-school = The mentor must work at each student's school.

## Sign-in
login-title = Sign in
login-intro = Sign in to see your plan.
login-submit = Sign in
login-forgot = Forgot your password?
login-student-help = Students: if you forgot your password, ask your counselor or teacher to reset it.
login-guardian-code = Parent or guardian with a code from the school? Create your account.
demo-heading = Demo
demo-intro = This is a demonstration with made-up people. The demo accounts are listed in README.md and were printed when the demo started.
field-username = Username
field-password = Password

## Student home
student-home-welcome = Welcome, { $name }
student-profile = About me
field-school = School
field-district = District
field-grade = Grade
field-mentor = My mentor
field-guardians = Family
field-school-year = School year
no-mentor = Not assigned yet
none-yet = Not yet
section-interests = My interests
section-interests-empty = You have not taken an interest survey yet.
section-careers = My careers
section-careers-empty = You have not saved any careers yet.
section-goals = My goals
section-goals-empty = You have not set any goals yet.
section-courses = My courses
section-courses-empty = You have not planned any courses yet.
section-experiences = My experiences
section-experiences-empty = You have not added any experiences yet.
section-portfolio = My portfolio
section-portfolio-empty = Your portfolio is empty.
enrollment-history = Schools attended
student-record-links = Record
back-to = Back to { $name }
back-to-record = Back to the student's page
notice-demographics-saved = The reporting information was saved.

## Demographics
demographics-title = Reporting information
demographics-intro = These fields are used only for reports that compare groups of students. Few people can see them.
demo-race-ethnicity = Race and ethnicity
demo-gender = Gender
demo-programs = Programs and circumstances
demo-low-income = Low income
demo-english-learner = English learner
demo-disability-iep = Disability (IEP)
demo-section-504 = Section 504 plan
demo-homeless = Experiencing homelessness
demo-foster = In foster care
demo-military-connected = Military-connected family
race-hispanic-latino = Hispanic or Latino
race-american-indian-alaska-native = American Indian or Alaska Native
race-asian = Asian
race-black-african-american = Black or African American
race-native-hawaiian-pacific-islander = Native Hawaiian or Other Pacific Islander
race-white = White
race-two-or-more = Two or more races
gender-female = Female
gender-male = Male
gender-nonbinary = Nonbinary
gender-value = { $value ->
    [female] Female
    [male] Male
   *[other] Nonbinary
}
not-recorded = Not recorded
yes = Yes
no = No
save = Save

## Access log
access-log-title = Who has seen this record
access-log-intro = Every time someone opens or changes this record, Waypoint writes it down here.
access-log-empty = Nobody has opened this record yet.
col-when = When
col-who = Who
col-role = Role
col-student = Student
col-what = What
col-name = Name
col-last-sign-in = Last signed in
results-count = { $count ->
    [one] One result
   *[other] { $count } results
}
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
page-of = Page { $page } of { $pages }
never = Never

## Counselor actions
reset-student-button = Give the student a new password
reset-student-title = New password
reset-student-intro = Give this password to the student. It is shown only once. The student's other sessions have been signed out.
guardian-code-button = Make a code for a parent or guardian
guardian-code-title = Code for a parent or guardian
guardian-code-intro = Give this code to the student's parent or guardian. They enter it when they create their account, or on their home page. It works once and expires in 14 days.

## Staff home
staff-home-title = My students
caseload-views = Student lists
caseload-mentees = My mentees
caseload-group = Advisory: { $name }
caseload-school = All students at my school
caseload-empty = No students match.
search-students = Search by name or state ID
all-grades = All grades
search = Search

## Guardian home
guardian-home-title = My students
guardian-no-students = No students are linked to your account yet.
guardian-link-heading = Add a student
guardian-link-intro = If the school gave you a code for another of your students, enter it here.
guardian-link-submit = Add student
field-invite-code = Code from the school
grade-n = Grade { $grade }

## Account
account-title = My account
field-roles = Roles
change-password = Change password
password-changed = Your password was changed. Other devices have been signed out.
password-rules = Use at least 8 characters. A few words together are easy to remember and hard to guess.
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password again
sign-out-everywhere = Sign out everywhere
sign-out-everywhere-intro = Sign out on every computer, tablet and phone where you are signed in, including this one.
invite-title = Create your staff account
invite-intro = You have been invited to Waypoint. Choose a username and password.
join-title = Create a parent or guardian account
join-intro = Enter the code your student's school gave you and choose a username and password.
field-given-name = First name
field-family-name = Last name
field-email = E-mail address
create-account = Create account
forgot-title = Reset your password
forgot-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent = If an account has that address, we have sent it a link. The link works for one hour.
reset-title = Choose a new password
reset-submit = Save the new password
reset-mail-subject = Reset your Waypoint password
reset-mail-body = Someone asked to reset the password of your Waypoint account. To choose a new password, open this link within one hour: { $link } — If it was not you, ignore this message.

## Roles
role-employer-supervisor = Employer supervisor
role-mentor = Teacher or mentor
role-career-coach = Career coach
role-case-manager = Special education case manager
role-counselor = Counselor
role-school-admin = School administrator
role-district-admin = District administrator
role-state-admin = State administrator

## Administration
admin-title = Administration
admin-intro = The organisations where you hold a role:
admin-no-orgs = You do not hold a role at any organisation.
admin-org-nav = Pages of { $name }
admin-org-page = Organisation
org-kind-state = State
org-kind-district = District
org-kind-school = School
choose-one = Choose one
remove = Remove
col-actions = Actions
field-org = Organisation
field-role = Role
field-account = Account
account-disabled = Disabled
error-role-here = You cannot give that role at that organisation.
error-too-many-students = That is too many students at once. Use at most 500.
error-unknown-students = Some of the IDs do not match a student at this school.
error-unknown-students-list = These IDs do not match a student at this school: { $ids }
hint-date = Use the form YYYY-MM-DD, for example 2026-08-15.

## Administration: organisation
admin-org-details = Details
field-org-kind = Type
field-org-name = Name
field-org-code = Code
hint-org-code = A short code no other organisation uses, such as the state's code for it.
field-org-parent = Part of
field-grades = Grades
grades-range = { $low } to { $high }
field-low-grade = Lowest grade
field-high-grade = Highest grade
admin-districts = Districts
admin-schools = Schools
admin-no-children = None yet.
admin-years = School years
admin-no-years = No school years yet.
field-year-name = Name
hint-year-name = For example 2026-2027.
field-starts-on = First day
field-ends-on = Last day
col-current-year = Current
year-is-current = Current year
make-current = Make current
make-current-label = Make current: { $name }
admin-add-year = Add a school year
admin-add-year-submit = Add school year
admin-edit-org = Change the details
admin-add-district = Add a district
admin-add-school = Add a school
notice-org-saved = The details were saved.
notice-child-created = The new organisation was created.
notice-year-created = The school year was added.
notice-year-current = The current school year was changed.

## Administration: people
admin-people-title = People
admin-people-heading = People at { $org }
search-staff = Search by name or username
admin-no-staff = Nobody matches.
admin-invite-heading = Invite a staff member
admin-invite-intro = Waypoint makes a link for the new staff member to create their account with. It works once and expires in 7 days.
hint-invite-email = Optional. It is filled in on the new account form.
admin-invite-submit = Make an invitation link
admin-invite-link-title = Invitation link
admin-invite-link-intro = Give this link to the new staff member. It is shown only once, works once, and expires in 7 days.
admin-no-roles = This person holds no roles.
admin-own-roles = You cannot remove your own roles. Ask another administrator.
remove-role-label = Remove: { $role }, { $org }
admin-grant-heading = Give a role
admin-grant-submit = Give the role
notice-role-granted = The role was given.
notice-role-removed = The role was removed.

## Administration: students and mentors
admin-students-title = Students
admin-students-heading = Students at { $org }
## A school's interests and saved careers (/admin/orgs/{id}/interests)
admin-interests-title = Interests and careers
admin-interests-heading = Interests and careers at { $org }
report-intro = What this school’s students found out about their interests in the interest survey, and the careers they saved. The report counts students; it never shows one.
report-show = Show
report-group-grade = Grade { $grade }
report-group-too-small = This group has fewer than 10 students, so no figures are shown.
report-fewer-than = fewer than { $min }
report-hidden = hidden
report-suppression-note = To protect small groups of students, a count from 1 to 9 is shown as “fewer than 10”. When it could still be worked out from the total, another count is hidden too (“hidden”).
report-interests-heading = Interests
report-interests-method = Each student counts once, by the first letter of the interest code from the last interest survey they finished. A student whose highest score is shared by two or more types counts under “Tied for first”, not under each of them, so the rows add up to all the students.
report-interests-caption = Students by top interest type
report-col-type = Top interest type
report-col-students = Students
report-tied = Tied for first
report-no-code = Finished, without a code
report-not-finished = Has not finished the interest survey
report-total = All students
report-participation = { $finished } of { $enrolled } students have finished the interest survey.
report-participation-hidden = How many of the { $enrolled } students have finished the interest survey is not shown, so that a small group cannot be worked out.
report-chart-title = Students by top interest type, as a share of all students
report-chart-desc-item = { $name }: { $value }.
report-percent = { $n }%
report-careers-heading = Saved careers
report-saved-any = Students who saved at least one career: { $value } of { $enrolled }.
report-careers-caption = Careers saved by the most students
report-col-career = Career
report-careers-none = No career was saved by 10 or more students.
report-careers-not-listed = Careers saved by fewer than 10 students are not listed.
report-clusters-heading = Career clusters
report-clusters-intro = Students who saved at least one career in each cluster. A student who saved careers in several clusters counts in each of them.
report-clusters-caption = Students by career cluster: { $framework }
report-col-cluster = Cluster
report-clusters-none = No career clusters are loaded.
staff-reports-heading = School reports
staff-reports-interests = Interests and careers at { $school }
admin-assign-intro = To give students a mentor, select them, choose the mentor below the list, and press the button.
col-select = Select
select-student = Select { $given } { $family }
student-alumni = Graduated
field-mentor-to-assign = Mentor for the selected students
admin-assign-submit = Assign the mentor
notice-mentor-assigned = { $count ->
    [0] No students were assigned: the selected students already had this mentor.
    [one] One student was assigned to the mentor.
   *[other] { $count } students were assigned to the mentor.
}

## Administration: advisory groups
admin-groups-title = Advisory groups
admin-groups-heading = Advisory groups at { $org }
admin-no-groups = This school has no advisory groups yet.
field-group-name = Name of the group
field-group-leader = Led by
col-members = Students
admin-new-group = Create an advisory group
admin-new-group-submit = Create the group
admin-back-to-groups = Back to the advisory groups
admin-group-members = Students in the group
admin-no-members = The group has no students yet.
remove-member-label = Remove { $given } { $family } from the group
admin-add-members = Add students
field-member-ids = Student IDs
hint-member-ids = State student IDs or Waypoint IDs, separated by spaces, commas or new lines.
admin-add-members-submit = Add to the group
notice-group-created = The group was created. Now add its students.
notice-members-added = { $count ->
    [0] No students were added: they were already in the group.
    [one] One student was added.
   *[other] { $count } students were added.
}
notice-member-removed = The student was removed from the group.

## Administration: logs
admin-access-log-title = Record of access
admin-access-log-heading = Record of access in { $org }
admin-access-log-intro = Every time someone opens or changes a student's record, Waypoint writes it down. Search by student, by person, or by dates.
field-log-student = Student
hint-log-student = A state student ID or a Waypoint ID.
field-log-actor = Username of the person who looked
field-log-from = From
field-log-to = To
admin-audit-log-title = Audit log
admin-audit-log-heading = Audit log of { $org }
admin-audit-log-intro = Changes made by administrators and staff at this organisation and below it, newest first.
admin-audit-log-empty = Nothing has been recorded yet.
col-action = Change
col-target = Applies to
col-detail = Detail
audit-system = Waypoint
audit-accept-guardian-invite = Parent or guardian code used
audit-accept-staff-invite = Staff invitation accepted
audit-add-group-members = Students added to a group
audit-assign-mentor = Mentor assigned
audit-create-group = Advisory group created
audit-create-org = Organisation created
audit-create-school-year = School year added
audit-grant-role = Role given
audit-invite-guardian = Parent or guardian code made
audit-invite-staff = Staff member invited
audit-password-reset = Password reset by e-mail
audit-remove-group-member = Student removed from a group
audit-remove-mentor = Mentor removed
audit-reset-student-password = Student given a new password
audit-revoke-role = Role removed
audit-set-current-year = Current school year changed
audit-sign-out-everywhere = Signed out everywhere
audit-update-org = Organisation changed
admin-access-log-none = No entries match.

## Access-log labels
role-student = Student
role-guardian = Parent or guardian
role-staff = Staff
access-action-view = Viewed
access-action-edit = Changed
access-action-view-demographics = Viewed reporting information
access-action-edit-demographics = Changed reporting information
access-action-view-access-log = Viewed who has seen the record
access-action-reset-password = Reset the password
access-action-assign-mentor = Changed mentors or groups
access-resource-home = home page
access-resource-demographics = reporting information
access-resource-access-log = record of access
access-resource-password = password
access-resource-guardian-invite = code for a parent or guardian
access-resource-advisory-group = advisory group
access-resource-mentors = mentors

## Student page seen by others
student-profile-other = Profile
field-mentor-other = Mentor
section-interests-other = Interests
section-interests-empty-other = No interest survey taken yet.
section-careers-other = Careers
section-careers-empty-other = No careers saved yet.
section-goals-other = Goals
section-goals-empty-other = No goals set yet.
section-courses-other = Courses
section-courses-empty-other = No courses planned yet.
section-experiences-other = Experiences
section-experiences-empty-other = No experiences added yet.
section-portfolio-other = Portfolio
section-portfolio-empty-other = The portfolio is empty.

## Portable record
record-link = The whole record, to print or download
record-title = Portable record
record-heading = Portable record of { $name }
record-intro = Everything Waypoint keeps about this student, on one page. The same record can be downloaded as a file and taken to another school that uses Waypoint.
record-download = Download the record as a file (JSON)
record-print-hint = To keep a paper copy, print this page.
record-made = Made on { $when } by { $issuer }.
record-student = Student
field-state-student-id = State student ID
field-birth-date = Date of birth
field-status = Status
field-graduation-year = Year of graduation
student-status-active = Enrolled
student-status-alumni = Graduated
student-status-withdrawn = Withdrawn
col-entry-date = Started
col-exit-date = Left
col-relationship = Relationship
record-guardians = Parents and guardians
record-mentors = Mentors
record-none = None recorded.
record-access-intro = Who opened or changed this record in this Waypoint.
record-later = Goals, course plans, experiences, credentials and the portfolio will be part of this record once Waypoint keeps them.
record-assessments = Surveys
record-assessments-intro = Every survey the student started, oldest first, with the answers and the scores as they were kept.
record-assessment-heading = { $title }, started { $when }
record-assessment-version = Version of the survey
record-assessment-form = Form
record-assessment-language = Language
record-assessment-updated = Last answer saved
record-assessment-no-answers = No answers yet.
record-assessment-answers = { $count ->
    [one] Show the answer (1)
   *[other] Show the answers ({ $count })
}
record-assessment-answers-caption = Answers to { $title }
record-assessment-answered = { $answered } of { $items }
record-col-answered = Answered
record-col-question = Question
record-col-answer = Answer
record-language-en = English
record-language-es = Spanish
record-saved-careers = Saved careers
record-col-career = Career
record-col-onet-code = O*NET-SOC code
record-col-note = Note
record-col-saved = Saved
record-col-changed = Last changed
record-no-note = No note
access-action-export = Downloaded the whole record
access-action-import = Brought in the record from another school
access-resource-export = portable record
access-resource-record = portable record
access-action-transfer = Moved to a new school by a roster import
access-resource-enrollment = school enrolment

## Importing a portable record
admin-record-import-title = Import a record
admin-record-import-heading = Import a student's record into { $org }
admin-record-import-intro = When a student transfers from a school that uses Waypoint, their portable record (a file they or their previous school downloaded) brings their history with them. If the student is already known here (the same state student ID), only the schools, surveys and saved careers missing from their record are added; notes they wrote here are kept. Otherwise a new student account is made at this school, without a password: set one from the student's page. Parents and mentors named in the record are kept as names only; nobody gets access from a file.
field-record-file = Portable record (a .json file)
record-file-hint = Downloaded from Waypoint; at most 2 MB.
admin-record-import-submit = Import the record
record-import-problems = The record was not imported and nothing was changed. These parts of the file are not right:
record-import-failed = This file could not be imported. The problems are listed above.
record-import-open-student = Open the student's page
notice-record-created = The record was imported. A new student account was made at this school.
notice-record-merged = The record was imported into the student who was already here. Schools, surveys and saved careers missing from their record were added.
notice-record-open-attempt-left-out = The student already has an unfinished survey here that the record also has unfinished (the same survey and version). Only one can be continued, so the one in the record was left out.
notice-record-email-left-out = The e-mail address in the record already belongs to another account here, so the new account has none.
error-record-file = Choose a portable record file to import.
error-record-too-large = The file is larger than 2 MB.
error-record-json = This file is not a JSON document.
error-record-format = This file is not a Waypoint portable record.
error-record-version = This version of the portable record cannot be read here.
error-record-missing = This is missing.
error-record-type = This has the wrong kind of value.
error-record-empty = This must not be blank.
error-record-too-long = This is too long.
error-record-date = This is not a date written as YYYY-MM-DD.
error-record-datetime = This is not a date and time.
error-record-number = This number is out of range.
error-record-choice = This is not one of the allowed values.
error-record-email = This is not an e-mail address.
error-record-unknown = This is not part of a portable record.
error-record-reserved = This part must be empty in this version of the record.
error-record-date-order = The date of leaving is before the date of starting.
error-record-student-elsewhere = A student with this state student ID is at a school where you cannot change records.
error-record-key = This name is blank or too long.
error-record-id = This is not an id: write it as digits, in quotes.
error-record-onet-code = This is not an O*NET-SOC code written as 00-0000.00.
error-record-duplicate = This appears more than once.
error-record-time-order = This time is earlier than the start.
error-record-scores = A finished survey has scores and an unfinished one has none.
error-record-open-twice = Only one unfinished attempt at the same survey and version can be kept.
error-record-open-attempt-here = The student already has an unfinished attempt at this survey here, so this unfinished attempt was left out.

## Administration: rosters (OneRoster uploads)
admin-rosters-title = Rosters
admin-rosters-heading = Rosters of { $org }
roster-upload-heading = Upload a roster
roster-upload-intro = Upload the roster your student information system exports in OneRoster format (version 1.1 or 1.2). Waypoint checks the whole package first: if anything is wrong, nothing changes, and you get a list of every problem with its file, line and field.
field-roster-package = OneRoster package
hint-roster-package = A .zip file, or all the package's CSV files (manifest.csv, orgs.csv, users.csv and the others) selected together. At most { $size } MB.
field-roster-auto = Update the progress on the page automatically
hint-roster-auto = The page then reloads itself every 2 seconds until the import ends. Untick this to check by hand instead.
roster-upload-submit = Upload and import
roster-runs-heading = Past imports
roster-runs-empty = No roster has been imported yet.
roster-runs-caption = Imports, newest first
col-roster-started = Started
col-roster-finished = Finished
col-roster-file = File
col-roster-status = Status
col-roster-progress = Progress
roster-status-running = In progress
roster-status-succeeded = Imported
roster-status-rejected = Rejected
roster-status-interrupted = Interrupted
roster-status-failed = Failed
roster-phase-waiting = waiting for another import to finish
roster-phase-reading = reading and checking the files
roster-phase-matching = matching people, schools and classes
roster-phase-writing = saving the changes
roster-progress-text = { $percent }% done: { $phase }.
roster-auto-on = This page updates itself every 2 seconds.
roster-auto-stop = Stop updating automatically
roster-check-again = Check again
roster-auto-start = Update automatically every 2 seconds
roster-run-title = Roster import
roster-run-heading = Roster import for { $org }
roster-run-details = Details
roster-back-to-runs = Back to the rosters
roster-failure-rejected = The package has problems, listed below. Nothing was changed. Fix them in your student information system or in the files, and upload the package again.
roster-failure-interrupted = The import was cut off because Waypoint restarted. Nothing was changed. Upload the package again.
roster-failure-error = The import could not be completed. Nothing was changed. Try again later; if it keeps happening, tell your Waypoint administrator.
roster-changes-heading = What changed
roster-count-orgs-created = Schools and districts added
roster-count-students-created = Students added
roster-count-students-updated = Students updated
roster-count-students-transferred = Students who transferred in
roster-count-students-withdrawn = Students withdrawn
roster-count-staff-created = Staff accounts added
roster-count-guardians-created = Parent and guardian accounts added
roster-count-roles-granted = Roles given or confirmed
roster-count-roles-ended = Roles ended
roster-count-guardian-links = Students linked to a parent or guardian
roster-count-classes = Classes
roster-count-class-places = Places in classes
roster-count-class-places-written = Places added or changed
roster-count-class-places-ended = Places ended (no longer on the roster)
roster-count-classes-ended = Classes ended (no longer on the roster)
roster-count-warnings = Warnings
roster-report-errors = Problems
roster-report-warnings = Warnings
roster-report-caption = { $count ->
    [one] One entry
   *[other] { $count } entries
}
roster-report-more = { $count ->
    [one] One more was found but is not listed.
   *[other] { $count } more were found but are not listed.
}
roster-report-package = (the package)
col-report-file = File
col-report-line = Line
col-report-field = Field
col-report-problem = Problem
col-report-message = Details (in English)
error-roster-file-required = Choose a .zip file or the package's CSV files.
error-roster-running = An import of this roster is still in progress. Wait for it to finish.
error-roster-too-large = The upload is too large. Upload at most 512 MB.
roster-code-manifest = Problem with manifest.csv
roster-code-missing-file = File missing
roster-code-undeclared-file = File not declared in the manifest
roster-code-unknown-file = Not a OneRoster file
roster-code-ignored-file = File not imported
roster-code-missing-column = Column missing
roster-code-duplicate-column = Column appears twice
roster-code-unknown-column = Unknown column
roster-code-ignored-column = Column not imported
roster-code-extra-values = Too many values in the row
roster-code-required = Value missing
roster-code-bad-date = Not a valid date
roster-code-bad-enum = Value not allowed
roster-code-bad-value = Value not valid
roster-code-duplicate-id = The same ID twice
roster-code-unknown-reference = Refers to something that is not there
roster-code-encoding = Not UTF-8 text
roster-code-csv-syntax = The CSV is not well formed
roster-code-zip-path = Unsafe or repeated path in the zip file
roster-code-zip = The zip file cannot be read
roster-code-too-large = Too large
roster-code-io = The file cannot be read
audit-roster-import = Roster imported
audit-school-year-rollover = New school year started

## Administration: new school year (rollover)
admin-rollover-title = New school year
admin-rollover-heading = Start a new school year in { $org }
rollover-intro = Starting a new school year closes the current one and moves every student on: one grade up, from grade 8 to a high school, and from grade 12 to graduation. Graduates keep their accounts and their plans; staff no longer see their records unless the graduate allows it. Nothing changes until you press the button, and pressing it again changes nothing more.
rollover-plan-heading = From { $from } to { $to }
rollover-closes = Closes
rollover-closes-on = { $year }, on { $date }
rollover-begins = Begins
rollover-begins-on = { $year }, on { $date }
rollover-year-created = (a new school year, ending on { $date })
rollover-nothing = { $year } is already the current school year and every student has moved on. There is nothing to do.
rollover-no-students = The district has no active students to move on.
rollover-grades-caption = { $count ->
    [one] One student, by grade
   *[other] { $count } students, by grade
}
rollover-col-grade = Grade now
rollover-col-students = Students
rollover-col-outcome = What happens
rollover-graduate = They graduate and become alumni.
rollover-stay = { $count } to grade { $grade } at the same school
rollover-move = { $count } to grade { $grade } at { $school }
rollover-needs-placement-count = { $count } to grade { $grade }, but their school does not teach it: they need a high school
rollover-skipped = { $count ->
    [one] One student has no grade or no school and is left as is.
   *[other] { $count } students have no grade or no school and are left as they are.
}
rollover-needs-heading = Students who need a high school
rollover-needs-intro = Their school does not teach grade 9, and Waypoint cannot tell which high school they go to: their classes do not say, and the district has more than one high school (or none). They move up to grade 9 at their school; move them with the next roster import.
rollover-submit = Start { $year }
rollover-other-year = Choose the new school year
field-rollover-year = Name of the new school year
hint-rollover-dates = Used only when the school year does not exist yet. Leave it blank for the current year's date one year later.
rollover-preview = Show what will happen
rollover-done = { $from } is closed and { $to } is now the current school year.
rollover-done-promoted = Moved up a grade at their school
rollover-done-moved = Moved up to another school
rollover-done-graduated = Graduated
rollover-done-needs = Need a high school
rollover-done-skipped = Left as they were (no grade or no school)
error-rollover-no-current = The district has no current school year to close. Add the school years on the district's page and make the right one current.
error-rollover-too-early = The current school year has not begun yet, so it cannot be closed. Has the new school year already been started?
error-rollover-order = The new school year must begin after the current one ends.

## Assessments (surveys): the list, taking one, the results, the home card
assessment-list-and = and
assessment-list-or = or
assessments-title = My surveys
assessments-heading-other = Surveys of { $name }
assessments-intro = Surveys help you learn what you like to do, what matters to you in a job and what you can already do. There are no right or wrong answers. You can stop and come back later, and take a survey again next year to see how you change.
assessments-intro-other = The surveys this student can take, and every time they took one. Only the student can answer them.
assessments-offered-heading = Surveys for grade { $grade }
assessments-offered-heading-no-grade = Surveys
assessments-none-for-grade = There are no surveys for this grade.
assessments-no-grade = Surveys are offered once the school records a grade.
assessments-history-heading = Past surveys
assessments-history-caption = Every survey started, newest first
assessments-history-empty = No survey taken yet.
col-assessment = Survey
col-assessment-started = Started
col-assessment-finished = Finished
col-assessment-result = Result
assessment-kind-interest-inventory = Interests
assessment-kind-work-values = Work values
assessment-kind-skills-self-rating = Skills
assessment-questions = { $count ->
    [one] One question
   *[other] { $count } questions
}
assessment-cards = { $count ->
    [one] One card to sort
   *[other] { $count } cards to sort
}
assessment-status-not-started = Not started yet.
assessment-status-in-progress = In progress: { $answered } of { $total } answered.
assessment-status-finished = Finished on { $date } (grade { $grade }).
assessment-start = Start
assessment-resume = Continue
assessment-retake = Take it again
assessment-see-results = See the results
assessment-result-in-progress = Not finished
notice-assessment-saved = Your answers are saved. Come back and continue whenever you like.
notice-assessment-incomplete = Some questions are not answered yet. Answer them to finish the survey.
assessment-back-to-list = Back to the surveys
assessment-page-of = Page { $page } of { $pages }
assessment-answered = { $answered } of { $total } answered
assessment-next = Save and go on
assessment-back = Save and go back
assessment-save-later = Save and finish later
assessment-finish = Finish and see the results
assessment-error-unanswered = Choose an answer for this question.
assessment-error-unanswered-summary = Question { $number } has no answer yet.
assessment-error-unknown-item = An answer was sent for a question that is not on this page. Reload the page and try again.
assessment-error-over-capacity = The pile “{ $pile }” holds at most { $capacity } cards, but { $count } were put in it. Move some of them to another pile.
assessment-piles-heading = How full the piles are
assessment-pile-label = { $pile } (holds { $capacity })
assessment-pile-count = { $pile }: { $count } of { $capacity } cards
assessment-results-title = Results: { $title }
assessment-taken = { $name } took this survey in grade { $grade } and finished it on { $date }.
assessment-taken-self = You took this survey in grade { $grade } and finished it on { $date }.
assessment-started = { $name } started this survey in grade { $grade } on { $date } and has not finished it.
assessment-started-self = You started this survey in grade { $grade } on { $date } and have not finished it yet.
assessment-unfinished-note = This survey is not finished: { $answered } of { $total } questions are answered. The scores below use the answers so far and will change.
assessment-changed-note = This survey has changed since this attempt was started, so the attempt cannot be continued. Start the survey again from the surveys page.
assessment-incomplete-note = Not every question was answered. Each score uses the answers that were given.
assessment-insufficient-note = These areas do not have enough answers to be scored: { $names }. Without them there is no code.
assessment-unknown-instrument = This survey is no longer offered here, so only its scores are shown.
assessment-resume-button = Continue the survey
assessment-code-heading = Your code
assessment-code-heading-other = Code
assessment-code-intro = The letters stand for the areas with the highest scores, highest first. Areas with the same score are tied: they share their places, and none of them comes first.
assessment-top-heading = Top areas
assessment-top-intro = The areas with the highest scores, highest first. Areas with the same score are tied: they share their places, and none of them comes first.
assessment-top-item = { $names }: { $score }
assessment-top-item-tied = { $names }: { $score } each (tied)
assessment-code-tie = { $names } are tied, with { $score } each.
assessment-code-tie-partial = { $names } are tied, with { $score } each. Only { $places } of them fit in the code, and none comes before the others.
assessment-code-no-ties = No areas are tied.
assessment-code-alternatives = Written without ties, the code could be { $codes }.
assessment-scores-heading = Scores
assessment-scores-caption = Scores by area, from 0 to 100
assessment-chart-title = Bar chart of the scores by area, from 0 to 100
assessment-chart-desc-item = { $name }: { $score } out of 100, { $band }.
assessment-chart-desc-missing = { $name }: not enough answers to score.
assessment-not-enough = Not enough answers
assessment-not-enough-detail = { $answered } answered; { $needed } are needed for a score.
col-assessment-area = Area
col-assessment-score = Score (0–100)
col-assessment-level = Level
col-assessment-meaning = What it means
interests-card-code = Your interest code: { $code }
interests-card-code-other = Interest code: { $code }
interests-card-no-code = none yet (some areas had too few answers)
interests-card-areas = Top areas: { $areas }
interests-card-tied = { $names } (tied)
interests-card-from = From the survey finished on { $date }, in grade { $grade }.
interests-card-results = See the results
interests-card-surveys = All surveys
interests-card-take = Take the interest survey
error-assessment-grade = This survey is not offered for the student's grade.
error-assessment-changed = This survey has changed since it was started. Start it again from the surveys page.
access-action-take-assessment = Answered a survey
access-resource-assessments = surveys
access-resource-assessment-attempt = survey answers
access-resource-assessment-results = survey results

## Careers: search, the career page and saved careers
nav-careers = Careers
careers-title = Explore careers
careers-intro = Search more than a thousand occupations by title, or browse them with filters. Each career page says what the work is like, which interests it suits, the education it takes, and what it pays.
careers-no-data = No careers data has been loaded yet. An administrator loads it with “waypoint import onet”, “waypoint import bls” and “waypoint import clusters”.
careers-search-label = Job title or keywords
careers-search-hint = For example: nurse, electrician, software developer, or a code such as 29-1141. Spelling mistakes are fine.
careers-filter-cluster = Career cluster
careers-any-cluster = Any cluster
careers-filter-education = Education needed to start, at most
careers-any-education = Any education
careers-filter-job-zone = Preparation needed
careers-any-job-zone = Any preparation
careers-filter-min-wage = Median wage at least (dollars a year)
careers-filter-outlook = Outlook
careers-outlook-any = Any outlook
careers-outlook-growing = Growing
careers-outlook-bright = Bright outlook only
careers-sort-label = Sort by
careers-sort-relevance = Best match
careers-sort-title = Title
careers-sort-wage = Highest median wage
careers-sort-growth = Fastest growth
careers-sort-openings = Most openings
careers-results-count = { $count ->
    [one] One career
   *[other] { $count } careers
}
careers-results-for = { $count ->
    [0] No careers match “{ $query }”
    [one] One career matches “{ $query }”
   *[other] { $count } careers match “{ $query }”
}
careers-no-results = No careers found
careers-did-you-mean = Did you mean:
careers-clear-filters = Search again without the filters
careers-tip-spelling = Check the spelling, or type the first letters of a word.
careers-tip-fewer-words = Use fewer or more general words, such as “nurse” instead of “night shift nurse”.
careers-browse-all = Browse every career
careers-matched = Matched:
careers-median-wage = Median wage
careers-not-available = Not available
careers-outlook = Outlook
careers-preparation = Preparation
careers-entry-education = Typical education to start
careers-sources = Sources of the careers data
careers-bright-outlook = Bright outlook
careers-bright-rule = A bright outlook means that employment is projected to grow at least twice as fast as for all occupations (and by at least 5%), or that there are at least 10,000 openings a year in an occupation that is not shrinking.
careers-wage-year = { $amount } a year
careers-wage-at-least = at least { $amount } a year
careers-outlook-change = { $change } in ten years
careers-job-zone-1 = Job Zone 1: little or no preparation
careers-job-zone-2 = Job Zone 2: some preparation
careers-job-zone-3 = Job Zone 3: medium preparation
careers-job-zone-4 = Job Zone 4: considerable preparation
careers-job-zone-5 = Job Zone 5: extensive preparation
careers-education-none = No formal credential
careers-education-high-school = High school diploma or equivalent
careers-education-postsecondary = Certificate after high school
careers-education-some-college = Some college, no degree
careers-education-associate = Associate’s degree
careers-education-bachelor = Bachelor’s degree
careers-education-master = Master’s degree
careers-education-doctoral = Doctoral or professional degree
careers-error-cluster = Choose a cluster from the list.
careers-error-education = Choose a level of education from the list.
careers-error-job-zone = Choose a job zone from 1 to 5.
careers-error-wage = Type a whole number of dollars, such as 45000.
careers-error-outlook = Choose an outlook from the list.
careers-error-sort = Choose an order from the list.
careers-error-too-many = Your list is full (100 careers). Remove one before saving another.
careers-back-to-search = Back to the career search
careers-code = O*NET-SOC code { $code }
careers-save-heading = Save to my careers
careers-note-label = Note (optional)
careers-note-hint = Why it interests you, or something to find out. Up to 500 characters.
careers-save = Save to my careers
careers-save-note = Save the note
careers-remove = Remove from my careers
careers-remove-short = Remove
careers-remove-rest = { $title } from my careers
careers-my-list = See my careers
careers-saved-on = Saved on { $date }
careers-notice-saved = The career is on your list.
careers-notice-note-saved = The note is saved.
careers-notice-removed = The career is off your list.
careers-work-heading = What the work is like
careers-also-called = Also called
careers-interests-heading = Interests
careers-interests-mostly = Mostly { $types }.
careers-and = { $first } and { $last }
careers-no-interests = O*NET does not rate the interests of this occupation.
careers-interests-caption = How strongly the work involves each interest
careers-col-interest = Interest
careers-col-career = Career
careers-col-level = Level (1 to 7)
careers-top-interest = top
careers-interest-out-of = { $value } out of 7
careers-interests-scale = O*NET rates each interest from 1 (the work hardly involves it) to 7 (the work involves it a great deal).
careers-riasec-realistic = Realistic
careers-riasec-realistic-desc = Hands-on work with tools, machines, plants or animals, often outdoors.
careers-riasec-investigative = Investigative
careers-riasec-investigative-desc = Working with ideas: observing, researching and solving problems.
careers-riasec-artistic = Artistic
careers-riasec-artistic-desc = Creating and designing, with room for self-expression.
careers-riasec-social = Social
careers-riasec-social-desc = Helping, teaching and caring for people.
careers-riasec-enterprising = Enterprising
careers-riasec-enterprising-desc = Leading, persuading, selling and starting projects.
careers-riasec-conventional = Conventional
careers-riasec-conventional-desc = Organizing information, following procedures and keeping things accurate.
careers-education-heading = Education and training
careers-zone-education = Education (O*NET)
careers-zone-experience = Experience (O*NET)
careers-zone-training = Training (O*NET)
careers-education-caption = Education of people in this occupation
careers-col-education = Level of education
careers-col-share = Share of workers
careers-education-source = Share of workers at each level, as they reported it to O*NET (O*NET { $version }); levels under 1% are left out.
careers-education-imprecise = * O*NET marks this share as imprecise: few people answered, or the answers varied widely.
careers-rl-1 = Less than a high school diploma
careers-rl-2 = High school diploma or equivalent
careers-rl-3 = Certificate after high school
careers-rl-4 = Some college courses
careers-rl-5 = Associate’s degree
careers-rl-6 = Bachelor’s degree
careers-rl-7 = Certificate after a bachelor’s degree
careers-rl-8 = Master’s degree
careers-rl-9 = Certificate after a master’s degree
careers-rl-10 = First professional degree
careers-rl-11 = Doctoral degree
careers-rl-12 = Post-doctoral training
careers-outlook-heading = Wages and outlook
careers-no-projection = The U.S. Bureau of Labor Statistics publishes no projection for this occupation.
careers-median-wage-in = Median wage ({ $year })
careers-wage-note = Half of the workers earn more than the median and half earn less. Wages cover wage and salary workers, not the self-employed.
careers-employment-in = Jobs in { $year }
careers-employment-projected-in = Jobs projected for { $year }
careers-jobs = { $count } jobs
careers-change-over = Change, { $start }–{ $end }
careers-all-occupations-change = all occupations: { $change }
careers-openings-over = Openings a year, { $start }–{ $end } average
careers-openings-a-year = { $count } a year
careers-broad-group = These figures are for the broader group “{ $group }”, which includes this occupation.
careers-source = Source:
careers-related-heading = Related careers
careers-clusters-heading = Career clusters and pathways
careers-back-to-student = Back to the student’s page
careers-saved-by = Careers saved by { $name }
careers-retired = The current O*NET release no longer lists this occupation.
careers-note-for = Note on { $title }
careers-note = Note:
careers-explore = Explore careers
careers-see-all = { $count ->
    [one] See the saved career
   *[other] See all { $count } saved careers
}
access-action-save-careers = Changed the saved careers
access-resource-careers = saved careers
## Career matches (/students/{id}/matches)
matches-title-self = Careers that match your interests
matches-title-other = Career matches for { $name }
matches-back-self = Back to my page
matches-intro-self = These careers are ranked by how well they fit your answers to the interest survey you finished on { $date }, in grade { $grade }.
matches-intro-other = These careers are ranked by how well they fit { $name }’s answers to the interest survey finished on { $date }, in grade { $grade }.
matches-top-self = You scored highest on { $types }.
matches-top-other = { $name } scored highest on { $types }.
matches-values-used = Your work values count too, from the work values survey finished on { $date }: for careers O*NET rates on work values, a quarter of the fit comes from them.
matches-values-unused = The work values survey finished on { $date } does not count here: the careers data loaded has no work-value ratings.
matches-values-none-self = Finish the work values survey, and your values will count in your matches too.
matches-values-none-other = { $name } has not finished the work values survey, so the matches use interests only.
matches-empty-heading = No matches to show
matches-no-inventory-self = You have not finished the interest survey yet. Take it, and this page will show the careers that match your interests.
matches-no-inventory-other = { $name } has not finished the interest survey yet, so there are no matches to show.
matches-incomplete-self = Your latest interest survey has an area without a score (too few answers), so no matches can be made. Take the survey again to see your matches.
matches-incomplete-other = { $name }’s latest interest survey has an area without a score (too few answers), so no matches can be made.
matches-flat-self = All six of your interest scores are the same, so there is no pattern to compare with careers, and no ranking is possible. Take the interest survey again and choose the answers that fit you best: what you like more and what you like less is what shows which careers suit you.
matches-flat-other = All six of { $name }’s interest scores are the same, so there is no pattern to compare with careers, and no ranking is possible. Taking the interest survey again would help.
matches-take-survey = Take the interest survey
matches-retake = Take the interest survey again
matches-see-surveys = See the surveys
matches-filters = Filter the matches
matches-filter-button = Show matches
matches-showing = Showing { $shown } of { $total } matching careers, best fit first.
matches-none-filtered = No careers match these filters.
matches-clear-filters = Show all matches
matches-show-more = Show { $count } more
matches-fit = Fit: { $fit } out of 100
matches-reason-self = You scored high on { $student }; this career is mostly { $career }.
matches-reason-other = { $name } scored high on { $student }; this career is mostly { $career }.
matches-shared = In common: { $types }.
matches-shared-none = No top area in common: the fit comes from the pattern of the other scores.
matches-with-values = Work values counted.
matches-saved = On your list
matches-save = Save
matches-save-rest = { $title } to my careers
matches-how-heading = How matches work
matches-how-1 = The interest survey gives a score from 0 to 100 on six kinds of work: Realistic, Investigative, Artistic, Social, Enterprising and Conventional. O*NET, the U.S. Department of Labor’s database of occupations, rates every career on the same six kinds, from 1 to 7.
matches-how-2 = The fit compares the pattern of the two: which kinds are high and which are low. It does not depend on how high the scores are overall. A fit of 100 means the same pattern, 50 means no relation, and under 50 means opposite patterns.
matches-how-3 = When the work values survey is finished too, values count for a quarter of the fit of every career O*NET rates on work values, and interests for three quarters.
matches-how-4 = A match is a place to start exploring, not advice about what to do. Interests change: after a new interest survey, the matches change with it.
matches-link-self = See careers that match my interests
matches-link-other = See career matches
access-resource-career-matches = career matches
