//! Values and rows that cross the boundary between the shared store code
//! and the two database drivers.

use crate::StoreError;

/// A SQL parameter or column value. The store keeps to these few types so
/// that one query text serves SQLite and PostgreSQL alike: ids and
/// timestamps are BIGINT (milliseconds since 1970), dates are ISO text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    I64(i64),
    F64(f64),
    Text(String),
    Bool(bool),
    Bytes(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::I64(v)
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::I64(v as i64)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::I64(v as i64)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::F64(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<&std::borrow::Cow<'_, str>> for Value {
    fn from(v: &std::borrow::Cow<'_, str>) -> Self {
        Value::Text(v.to_string())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Value::Null)
    }
}
macro_rules! id_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self { Value::I64(v.0) }
        }
    )*};
}
id_value!(
    waypoint_domain::UserId,
    waypoint_domain::OrgId,
    waypoint_domain::SchoolYearId,
    waypoint_domain::GroupId
);

/// Builds a parameter list: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    () => { Vec::<$crate::Value>::new() };
    ($($v:expr),+ $(,)?) => { vec![$($crate::Value::from($v)),+] };
}

/// One result row.
#[derive(Clone, Debug, Default)]
pub struct Row(pub Vec<Value>);

fn type_error(i: usize, want: &str, got: &Value) -> StoreError {
    StoreError::Other(format!("column {i}: expected {want}, found {got:?}"))
}

impl Row {
    fn get(&self, i: usize) -> Result<&Value, StoreError> {
        self.0.get(i).ok_or_else(|| StoreError::Other(format!("no column {i}")))
    }

    /// An integer column.
    pub fn i64(&self, i: usize) -> Result<i64, StoreError> {
        match self.get(i)? {
            Value::I64(v) => Ok(*v),
            v => Err(type_error(i, "integer", v)),
        }
    }

    /// A nullable integer column.
    pub fn opt_i64(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.get(i)? {
            Value::Null => Ok(None),
            _ => self.i64(i).map(Some),
        }
    }

    /// A floating-point column (integers are widened).
    pub fn f64(&self, i: usize) -> Result<f64, StoreError> {
        match self.get(i)? {
            Value::F64(v) => Ok(*v),
            Value::I64(v) => Ok(*v as f64),
            v => Err(type_error(i, "number", v)),
        }
    }

    /// A text column.
    pub fn text(&self, i: usize) -> Result<String, StoreError> {
        match self.get(i)? {
            Value::Text(v) => Ok(v.clone()),
            v => Err(type_error(i, "text", v)),
        }
    }

    /// A nullable text column.
    pub fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        match self.get(i)? {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    /// A boolean column (SQLite stores 0 and 1).
    pub fn bool(&self, i: usize) -> Result<bool, StoreError> {
        match self.get(i)? {
            Value::Bool(v) => Ok(*v),
            Value::I64(v) => Ok(*v != 0),
            v => Err(type_error(i, "boolean", v)),
        }
    }
}
