//! Form and query-string parsing shared by every handler that reads one: strict
//! percent-decoding (a bad encoding is the client's mistake, answered with 400), and
//! looking a field up by name.

/// The decoded `(name, value)` pairs of a form or query string, in order.
pub type Pairs = Vec<(String, String)>;

/// `application/x-www-form-urlencoded` pairs; invalid percent-encoding or UTF-8 is an error.
pub fn form_pairs(query: &str) -> Result<Vec<(String, String)>, &'static str> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(part: &str) -> Result<String, &'static str> {
    let spaced = part.replace('+', " ");
    let bytes = percent_encoding::percent_decode_str(&spaced).collect::<Vec<u8>>();
    // A lone % or %zz is left as-is by the decoder; treat it as the client's mistake.
    let b = spaced.as_bytes();
    let malformed = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if malformed {
        return Err("bad-encoding");
    }
    String::from_utf8(bytes).map_err(|_| "bad-encoding")
}

/// The first value of the field `name`.
pub fn field<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `value` as a whole number within `range`, or `None` (a query's ages, pages and limits).
pub fn number_in<T>(value: &str, range: std::ops::RangeInclusive<T>) -> Option<T>
where
    T: std::str::FromStr + PartialOrd,
{
    value.parse::<T>().ok().filter(|n| range.contains(n))
}
