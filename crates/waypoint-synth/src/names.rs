//! Name lists and name picking.
//!
//! The lists hold common given and family names from many backgrounds. They
//! are combined at random, so no generated record describes a real person.
//! Names are correlated with a household's background only loosely: a large
//! share of given names comes from a shared pool used by every background.

use rand::Rng;

/// A loose cultural background used to choose names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Background {
    Hispanic,
    Black,
    Asian,
    White,
    NativeAmerican,
    PacificIslander,
}

impl Background {
    /// Every background.
    pub(crate) const ALL: [Background; 6] = [
        Background::Hispanic,
        Background::Black,
        Background::Asian,
        Background::White,
        Background::NativeAmerican,
        Background::PacificIslander,
    ];
}

/// The sex of the name pool to draw a given name from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameSex {
    Female,
    Male,
    /// Gender-neutral names (used mostly for nonbinary students).
    Neutral,
}

#[rustfmt::skip]
const HISPANIC_FEMALE: &[&str] = &[
    "Sofía", "Isabella", "Valentina", "Camila", "Mariana", "Lucía", "Ximena", "Daniela", "Gabriela",
    "Alejandra", "Natalia", "Ana", "María", "Fernanda", "Paola", "Guadalupe", "Esperanza",
    "Marisol", "Yesenia", "Leticia", "Rosa", "Carmen", "Adriana", "Verónica", "Elena", "Jimena",
    "Renata", "Luciana", "Itzel", "Araceli", "Beatriz", "Catalina", "Dulce", "Estrella", "Julieta",
    "Maite", "Noemí", "Paloma", "Reyna", "Yaretzi",
];

#[rustfmt::skip]
const HISPANIC_MALE: &[&str] = &[
    "Mateo", "Santiago", "Diego", "Alejandro", "Carlos", "Luis", "José", "Juan", "Miguel", "Javier",
    "Andrés", "Emiliano", "Leonardo", "Sebastián", "Rafael", "Fernando", "Eduardo", "Ricardo",
    "Jorge", "Manuel", "Francisco", "Antonio", "Joaquín", "César", "Héctor", "Ramón", "Alonso",
    "Ignacio", "Julio", "Marco", "Rodrigo", "Tomás", "Raúl", "Gerardo", "Arturo", "Enrique",
    "Esteban", "Osvaldo", "Pablo", "Ulises",
];

#[rustfmt::skip]
const BLACK_FEMALE: &[&str] = &[
    "Aaliyah", "Imani", "Nia", "Jasmine", "Destiny", "Kiara", "Jada", "Amara", "Zuri", "Ebony",
    "Tiana", "Keisha", "Aisha", "Makayla", "Nyla", "Laila", "Naomi", "Brielle", "Janae", "Shanice",
    "Tamika", "Latoya", "Monique", "Danielle", "Kennedi", "Ayanna", "Asha", "Deja", "Essence",
    "Simone", "Ashanti", "Amani", "Khadija", "Chioma", "Adaeze", "Fatou", "Nadia", "Yolanda",
    "Zaria", "Precious",
];

#[rustfmt::skip]
const BLACK_MALE: &[&str] = &[
    "Jamal", "Malik", "Darnell", "Andre", "Terrence", "Xavier", "Isaiah", "Jalen", "DeShawn",
    "Marcus", "Tyrone", "Khalil", "Jaylen", "Darius", "Elijah", "Cedric", "Dante", "Jerome",
    "Kareem", "Lamar", "Omari", "Rashad", "Trevon", "Kofi", "Kwame", "Jabari", "Tariq", "Desmond",
    "Demetrius", "Reginald", "Terrell", "Maurice", "Cornelius", "Amadou", "Chidi", "Emeka", "Idris",
    "Roderick", "Quentin", "Zaire",
];

#[rustfmt::skip]
const ASIAN_FEMALE: &[&str] = &[
    "Mei", "Lin", "Yuki", "Hana", "Sakura", "Mai", "Linh", "Thao", "Anh", "Priya", "Ananya",
    "Aditi", "Kavya", "Diya", "Sanvi", "Jiwoo", "Seoyeon", "Minji", "Eun-ji", "Xiaoling", "Ying",
    "Jia", "Hui", "Ayumi", "Haruka", "Nanami", "Trinh", "Ngoc", "Phuong", "Lakshmi", "Deepa",
    "Meera", "Riya", "Isha", "Nisha", "Sunita", "Maricel", "Rowena",
];

#[rustfmt::skip]
const ASIAN_MALE: &[&str] = &[
    "Wei", "Jun", "Hao", "Ming", "Kenji", "Hiroshi", "Takumi", "Haruto", "Ren", "Minh", "Duc",
    "Khoa", "Tuan", "Bao", "Arjun", "Rohan", "Vikram", "Aarav", "Vihaan", "Ishaan", "Rahul",
    "Sanjay", "Anil", "Minjun", "Jiho", "Seojun", "Hyun", "Dong-hyun", "Tae", "Jian", "Long",
    "Quang", "Rajesh", "Jericho", "Paolo", "Ramil",
];

#[rustfmt::skip]
const NATIVE_FEMALE: &[&str] = &[
    "Aiyana", "Kaya", "Winona", "Tallulah", "Nayeli", "Halona", "Kimi", "Hania", "Aponi", "Dyani",
    "Sahkyo", "Tala", "Nova", "Shawnee", "Cheyenne", "Sequoia", "Onawa", "Wichapi",
];

#[rustfmt::skip]
const NATIVE_MALE: &[&str] = &[
    "Takoda", "Chayton", "Ahiga", "Nashoba", "Kele", "Elan", "Hotah", "Kohana", "Mato", "Sani",
    "Wapi", "Koda", "Tokala", "Hinto", "Hakan", "Enapay", "Mingan", "Dakota",
];

#[rustfmt::skip]
const PACIFIC_FEMALE: &[&str] = &[
    "Leilani", "Malia", "Kalani", "Keala", "Noelani", "Moana", "Sina", "Losa", "Mele", "Alana",
    "Kailani", "Pua", "Lokelani", "Ofa",
];

#[rustfmt::skip]
const PACIFIC_MALE: &[&str] = &[
    "Keoni", "Makoa", "Nalu", "Koa", "Tevita", "Sione", "Manu", "Ioane", "Kaleo", "Kainoa", "Mana",
    "Pita", "Semisi", "Kekoa",
];

#[rustfmt::skip]
const COMMON_FEMALE: &[&str] = &[
    "Emma", "Olivia", "Ava", "Charlotte", "Amelia", "Harper", "Evelyn", "Abigail", "Emily",
    "Elizabeth", "Sarah", "Hannah", "Madison", "Chloe", "Grace", "Lily", "Ella", "Scarlett",
    "Claire", "Natalie", "Addison", "Audrey", "Brooklyn", "Savannah", "Katherine", "Anna", "Leah",
    "Allison", "Samantha", "Rachel", "Megan", "Lauren", "Caroline", "Molly", "Paige", "Jenna",
    "Kaitlyn", "Hailey", "Brianna", "Julia", "Sydney", "Ruby", "Violet", "Nora", "Hazel", "Stella",
    "Lucy", "Zoe", "Maya", "Aubrey", "Layla", "Mia", "Aria", "Penelope", "Eleanor", "Gianna",
    "Alexis", "Vanessa", "Melanie", "Serenity",
];

#[rustfmt::skip]
const COMMON_MALE: &[&str] = &[
    "Liam", "Noah", "Oliver", "William", "James", "Benjamin", "Lucas", "Henry", "Alexander",
    "Mason", "Ethan", "Jacob", "Michael", "Daniel", "Logan", "Jackson", "Owen", "Wyatt", "Carter",
    "Luke", "Grayson", "Jack", "Ryan", "Nathan", "Caleb", "Hunter", "Connor", "Dylan", "Tyler",
    "Austin", "Brandon", "Cole", "Evan", "Gavin", "Ian", "Kyle", "Levi", "Max", "Nolan", "Samuel",
    "Thomas", "Andrew", "Matthew", "Joseph", "David", "John", "Christopher", "Joshua", "Aiden",
    "Adrian", "Christian", "Gabriel", "Josiah", "Jonathan", "Aaron", "Nicholas", "Anthony", "Isaac",
    "Jordan", "Zachary",
];

#[rustfmt::skip]
const NEUTRAL: &[&str] = &[
    "Alex", "Jordan", "Taylor", "Casey", "Riley", "Quinn", "Avery", "Rowan", "Sage", "River",
    "Skyler", "Emerson", "Finley", "Hayden", "Jamie", "Kendall", "Morgan", "Parker", "Reese",
    "Remy", "Robin", "Sawyer", "Shiloh", "Blake", "Charlie", "Dakota", "Eden", "Ellis", "Frankie",
    "Harley", "Jesse", "Justice", "Kai", "Lennon", "Marlowe", "Noel", "Oakley", "Peyton", "Phoenix",
    "Spencer", "Tatum", "Wren", "Ari", "Ash", "Indigo", "Jules", "Kit", "Milan", "Nico", "Ocean",
];

#[rustfmt::skip]
const ADULT_FEMALE: &[&str] = &[
    "Jennifer", "Jessica", "Amanda", "Melissa", "Michelle", "Stephanie", "Nicole", "Heather", "Amy",
    "Angela", "Kimberly", "Lisa", "Rebecca", "Christina", "Laura", "Erin", "Kelly", "Tara",
    "Shannon", "Wendy", "Tanya", "Dana", "Tracy", "Crystal", "Andrea", "Kristen", "Lindsay",
    "Courtney", "Brandy", "April", "Monica", "Erica", "Tiffany", "Patricia", "Denise", "Sandra",
];

#[rustfmt::skip]
const ADULT_MALE: &[&str] = &[
    "Jason", "Brian", "Kevin", "Jeffrey", "Scott", "Eric", "Steven", "Mark", "Timothy", "Jeremy",
    "Travis", "Shawn", "Derek", "Brent", "Chad", "Gregory", "Patrick", "Sean", "Todd", "Keith",
    "Craig", "Dustin", "Corey", "Jared", "Nathaniel", "Adam", "Joel", "Russell", "Bradley",
    "Darren", "Marvin", "Curtis", "Dennis", "Raymond", "Victor", "Wayne",
];

#[rustfmt::skip]
const HISPANIC_FAMILY: &[&str] = &[
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez",
    "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Morales", "Cruz", "Ortiz",
    "Gutierrez", "Chavez", "Ramos", "Ruiz", "Alvarez", "Mendoza", "Vasquez", "Castillo", "Jimenez",
    "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Guzman", "Salazar", "Delgado",
    "Castro", "Ortega", "Rojas", "Estrada", "Contreras", "Navarro", "Cervantes", "Fuentes",
    "Ibarra", "Juárez", "Mejía", "Pacheco", "Santiago", "Villanueva", "De La Cruz", "Zamora",
    "Espinoza", "Trujillo", "Carrillo", "Peña",
];

#[rustfmt::skip]
const BLACK_FAMILY: &[&str] = &[
    "Washington", "Jefferson", "Jackson", "Johnson", "Williams", "Brown", "Jones", "Davis",
    "Robinson", "Harris", "Thomas", "Walker", "Coleman", "Bryant", "Banks", "Freeman", "Simmons",
    "Gaines", "Mosley", "Booker", "Dorsey", "Ellis", "Franklin", "Gordon", "Hairston", "Holloway",
    "Joseph", "Lewis", "Mack", "Pierre", "Toussaint", "Okafor", "Mensah", "Diallo", "Adeyemi",
    "Nwosu", "Owusu", "Baptiste", "Charles", "Singleton", "Tucker", "Wilkins", "Fields", "Boykin",
    "Battle", "Tesfaye", "Abdi", "Warsame",
];

#[rustfmt::skip]
const ASIAN_FAMILY: &[&str] = &[
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Kim", "Lee", "Park", "Choi",
    "Jung", "Kang", "Cho", "Yoon", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao",
    "Wu", "Zhou", "Xu", "Lin", "Sun", "Tanaka", "Sato", "Suzuki", "Takahashi", "Watanabe",
    "Yamamoto", "Nakamura", "Patel", "Shah", "Singh", "Kumar", "Sharma", "Gupta", "Reddy", "Rao",
    "Iyer", "Mehta", "Desai", "Santos", "Bautista", "Aquino", "Pascual", "Manalo", "Vang", "Xiong",
    "Lor", "Her",
];

#[rustfmt::skip]
const NATIVE_FAMILY: &[&str] = &[
    "Begay", "Yazzie", "Benally", "Tsosie", "Nez", "Tso", "Locklear", "Oxendine", "Harjo", "Chee",
    "Etsitty", "Manuelito", "Attakai", "Lente", "Peshlakai", "Cornsilk", "Youngblood",
    "Hummingbird", "Sixkiller", "Blackfox", "Whitehorse", "Lowry", "Chavis", "Jumper",
];

#[rustfmt::skip]
const PACIFIC_FAMILY: &[&str] = &[
    "Kahale", "Kealoha", "Akana", "Kamaka", "Kalama", "Mahoe", "Keawe", "Fonoti", "Tuilagi",
    "Faleolo", "Leota", "Taufa", "Vaipulu", "Fifita", "Havili", "Kaneshiro", "Palakiko", "Tupou",
];

#[rustfmt::skip]
const WHITE_FAMILY: &[&str] = &[
    "Smith", "Miller", "Wilson", "Anderson", "Taylor", "Moore", "Martin", "Thompson", "White",
    "Clark", "Hall", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
    "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
    "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson",
    "Cooper", "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood",
    "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross",
    "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Henderson",
    "Hamilton", "Graham", "Wallace", "Cole", "West", "Reynolds", "Marshall", "Owens", "Harrison",
    "Gibson", "McDonald", "O'Brien", "Schmidt", "Mueller", "Schneider", "Kowalski", "Novak",
    "Olson", "Larson", "Hansen", "Lindqvist", "Russo", "Romano", "Esposito", "Bianchi", "O'Connor",
    "Fitzgerald", "Walsh", "Byrne", "Gallagher", "Jablonski", "Dubois", "Lambert", "Fontaine",
    "Weber", "Becker", "Hoffman", "Schultz", "Klein", "Wagner", "Keller", "Friedman", "Cohen",
    "Katz", "Levin", "Novotny", "Petrov", "Ivanov", "Papadopoulos", "Nielsen", "Haddad", "Khoury",
    "Mansour", "Sokolov",
];

/// Family names typical of a background.
fn family_pool(bg: Background) -> &'static [&'static str] {
    match bg {
        Background::Hispanic => HISPANIC_FAMILY,
        Background::Black => BLACK_FAMILY,
        Background::Asian => ASIAN_FAMILY,
        Background::White => WHITE_FAMILY,
        Background::NativeAmerican => NATIVE_FAMILY,
        Background::PacificIslander => PACIFIC_FAMILY,
    }
}

/// Given names typical of a background (the shared pool for `White`).
fn given_pool(bg: Background, sex: NameSex) -> &'static [&'static str] {
    let female = sex == NameSex::Female;
    match (bg, female) {
        (Background::Hispanic, true) => HISPANIC_FEMALE,
        (Background::Hispanic, false) => HISPANIC_MALE,
        (Background::Black, true) => BLACK_FEMALE,
        (Background::Black, false) => BLACK_MALE,
        (Background::Asian, true) => ASIAN_FEMALE,
        (Background::Asian, false) => ASIAN_MALE,
        (Background::NativeAmerican, true) => NATIVE_FEMALE,
        (Background::NativeAmerican, false) => NATIVE_MALE,
        (Background::PacificIslander, true) => PACIFIC_FEMALE,
        (Background::PacificIslander, false) => PACIFIC_MALE,
        (Background::White, true) => COMMON_FEMALE,
        (Background::White, false) => COMMON_MALE,
    }
}

/// Picks one element of a non-empty slice uniformly.
pub(crate) fn pick<T: Copy, R: Rng>(rng: &mut R, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// A family name for a household of background `bg`.
pub(crate) fn family_name<R: Rng>(rng: &mut R, bg: Background) -> &'static str {
    // A fifth of families carry a name from any background.
    let bg = if rng.random_bool(0.2) {
        pick(rng, &Background::ALL[..4])
    } else {
        bg
    };
    pick(rng, family_pool(bg))
}

/// A given name for a child of background `bg`.
pub(crate) fn child_given_name<R: Rng>(rng: &mut R, bg: Background, sex: NameSex) -> &'static str {
    let sex = resolve_neutral(rng, sex);
    match sex {
        NameSex::Neutral => pick(rng, NEUTRAL),
        _ if rng.random_bool(0.45) => pick(rng, given_pool(Background::White, sex)),
        _ if rng.random_bool(0.04) => pick(rng, NEUTRAL),
        _ => pick(rng, given_pool(bg, sex)),
    }
}

/// A given name for an adult (guardian or staff) of background `bg`.
pub(crate) fn adult_given_name<R: Rng>(rng: &mut R, bg: Background, sex: NameSex) -> &'static str {
    let sex = resolve_neutral(rng, sex);
    match sex {
        NameSex::Neutral => pick(rng, NEUTRAL),
        NameSex::Female if rng.random_bool(0.45) => pick(rng, ADULT_FEMALE),
        NameSex::Male if rng.random_bool(0.45) => pick(rng, ADULT_MALE),
        _ => child_given_name(rng, bg, sex),
    }
}

/// Most nonbinary people get a neutral name; some a name from either list.
fn resolve_neutral<R: Rng>(rng: &mut R, sex: NameSex) -> NameSex {
    match sex {
        NameSex::Neutral if rng.random_bool(0.3) => {
            if rng.random_bool(0.5) {
                NameSex::Female
            } else {
                NameSex::Male
            }
        }
        other => other,
    }
}

/// Lowercase ASCII login fragment of a name: accents folded, other
/// punctuation and spaces dropped (`"De La Cruz"` -> `"delacruz"`).
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Maps the accented letters used in the lists to their base letter.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'Á' | 'À' | 'Â' | 'Ä' => 'A',
        'É' | 'È' | 'Ê' => 'E',
        'Í' => 'I',
        'Ó' | 'Ö' => 'O',
        'Ú' | 'Ü' => 'U',
        'Ñ' => 'N',
        other => other,
    }
}

/// Words combined into place names for districts and schools.
#[rustfmt::skip]
pub(crate) const PLACE_FIRST: &[&str] = &[
    "Cedar", "Oak", "Pine", "Maple", "Willow", "Aspen", "Birch", "Spruce", "Elm", "Cottonwood",
    "Juniper", "Sage", "Eagle", "Falcon", "Hawk", "Fox", "Deer", "Bear", "Silver", "Copper",
    "Golden", "Crystal", "Red", "Blue", "Green", "North", "South", "East", "West", "Sun", "Stone",
    "Clear", "River", "Lake", "Meadow", "Prairie", "Canyon", "Desert", "Mesa", "Summit", "Harbor",
    "Bay", "Mill", "Fair", "Spring", "Rose", "Laurel", "Hickory", "Sycamore", "Heron",
];

/// Second words of place names.
#[rustfmt::skip]
pub(crate) const PLACE_SECOND: &[&str] = &[
    "Ridge", "Valley", "Creek", "Hills", "Park", "View", "Brook", "Grove", "Springs", "Point",
    "Crest", "Lake", "Meadow", "Trail", "Field", "Wood", "Heights", "Crossing", "Bluff", "Hollow",
    "Glen", "Mesa", "Haven", "Landing",
];

/// Historic namesakes and single-word place names for schools.
#[rustfmt::skip]
pub(crate) const SCHOOL_NAMESAKES: &[&str] = &[
    "Lincoln", "Washington", "Jefferson", "Roosevelt", "Franklin", "Madison", "Monroe", "Adams",
    "Cesar Chavez", "Harriet Tubman", "Frederick Douglass", "Rosa Parks", "Thurgood Marshall",
    "Sequoyah", "Amelia Earhart", "Sally Ride", "Mary McLeod Bethune", "Booker T. Washington",
    "Susan B. Anthony", "John Muir", "Riverside", "Lakeview", "Hillcrest", "Oakwood", "Westview",
    "Eastside", "Northside", "Southridge", "Fairview", "Highland", "Brookside", "Greenfield",
    "Stonebridge", "Timberline", "Sierra Vista", "Mountain View", "Parkside", "Central", "Pioneer",
    "Horizon", "Liberty", "Heritage", "Discovery", "Frontier", "Independence", "Union", "Kennedy",
    "Edison", "Carver", "Einstein",
];

/// District name suffixes.
#[rustfmt::skip]
pub(crate) const DISTRICT_SUFFIXES: &[&str] = &[
    "School District", "Unified School District", "Public Schools", "County Schools",
    "Independent School District", "Community Schools",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lowercase_letters() {
        assert_eq!(slug("De La Cruz"), "delacruz");
        assert_eq!(slug("O'Brien"), "obrien");
        assert_eq!(slug("Sofía"), "sofia");
        assert_eq!(slug("Dong-hyun"), "donghyun");
        let all = [
            HISPANIC_FEMALE,
            HISPANIC_MALE,
            BLACK_FEMALE,
            BLACK_MALE,
            ASIAN_FEMALE,
            ASIAN_MALE,
            NATIVE_FEMALE,
            NATIVE_MALE,
            PACIFIC_FEMALE,
            PACIFIC_MALE,
            COMMON_FEMALE,
            COMMON_MALE,
            NEUTRAL,
            ADULT_FEMALE,
            ADULT_MALE,
            HISPANIC_FAMILY,
            BLACK_FAMILY,
            ASIAN_FAMILY,
            NATIVE_FAMILY,
            PACIFIC_FAMILY,
            WHITE_FAMILY,
        ];
        for name in all.iter().flat_map(|l| l.iter()) {
            let s = slug(name);
            assert!(!s.is_empty(), "{name}");
            assert!(s.chars().all(|c| c.is_ascii_lowercase()), "{name} -> {s}");
        }
    }

    #[test]
    fn lists_are_large_enough() {
        let given: usize = [
            HISPANIC_FEMALE,
            HISPANIC_MALE,
            BLACK_FEMALE,
            BLACK_MALE,
            ASIAN_FEMALE,
            ASIAN_MALE,
            NATIVE_FEMALE,
            NATIVE_MALE,
            PACIFIC_FEMALE,
            PACIFIC_MALE,
            COMMON_FEMALE,
            COMMON_MALE,
            NEUTRAL,
            ADULT_FEMALE,
            ADULT_MALE,
        ]
        .iter()
        .map(|l| l.len())
        .sum();
        let family: usize = [
            HISPANIC_FAMILY,
            BLACK_FAMILY,
            ASIAN_FAMILY,
            NATIVE_FAMILY,
            PACIFIC_FAMILY,
            WHITE_FAMILY,
        ]
        .iter()
        .map(|l| l.len())
        .sum();
        assert!(given >= 500, "{given} given names");
        assert!(family >= 300, "{family} family names");
    }
}
