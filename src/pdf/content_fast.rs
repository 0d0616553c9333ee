//! A fast reader for the common shape of content streams, giving exactly what lopdf's strict decoder gives, or nothing so that lopdf decides.
//!
//! lopdf's parser (nom combinators) is a seventh of a run's CPU time. Most content streams use a
//! small part of the grammar: numbers, names, strings, arrays and small dictionaries as operands,
//! comments between operations. This reader handles exactly that part and returns `None` at
//! anything else (inline images, `#` in names, references, booleans, comments between operands,
//! unusual numbers, deep nesting, a stream lopdf would reject), and [`super::content::decode_ops`]
//! then asks lopdf. A test compares both on every content stream of the fixtures.

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

/// Deepest nesting of arrays, dictionaries and parentheses read here (lopdf allows 100).
const MAX_DEPTH: usize = 32;

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | 0x0C)
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_ws(c) && !is_delim(c)
}

struct Reader<'a> {
    d: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.d.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.i += 1;
        }
    }

    /// A comment with its end of line (lopdf needs the end of line).
    fn comment(&mut self) -> Option<()> {
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\n' => return Some(()),
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.i += 1;
                    }
                    return Some(());
                }
                _ => {}
            }
        }
        None
    }

    fn number(&mut self) -> Option<Object> {
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        let int_start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let int_digits = self.i - int_start;
        if self.peek() == Some(b'.') {
            self.i += 1;
            let frac_start = self.i;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
            if int_digits == 0 && self.i == frac_start {
                return None;
            }
            // a minus inside the fraction, or a second point: lopdf's own rules
            if matches!(self.peek(), Some(b'-' | b'.' | b'+')) {
                return None;
            }
            let s = std::str::from_utf8(&self.d[start..self.i]).ok()?;
            return s.parse::<f32>().ok().map(Object::Real);
        }
        if int_digits == 0 || matches!(self.peek(), Some(b'-' | b'+')) {
            return None;
        }
        let s = std::str::from_utf8(&self.d[start..self.i]).ok()?;
        s.parse::<i64>().ok().map(Object::Integer)
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        self.i += 1; // '/'
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == b'#' {
                return None;
            }
            if !is_regular(c) {
                break;
            }
            self.i += 1;
        }
        Some(self.d[start..self.i].to_vec())
    }

    fn literal(&mut self, depth: usize) -> Option<Vec<u8>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 1; // '('
        let mut out = Vec::new();
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b')' => return Some(out),
                b'(' => {
                    self.i -= 1;
                    let inner = self.literal(depth + 1)?;
                    out.push(b'(');
                    out.extend(inner);
                    out.push(b')');
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.i += 1;
                    }
                    out.push(b'\n');
                }
                b'\n' => out.push(b'\n'),
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let mut v: u16 = u16::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u16::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(0x0C),
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }

    fn hex(&mut self) -> Option<Vec<u8>> {
        self.i += 1; // '<'
        let mut out = Vec::new();
        let mut half = false;
        loop {
            self.skip_ws();
            let c = self.peek()?;
            self.i += 1;
            if c == b'>' {
                return Some(out);
            }
            let v = (c as char).to_digit(16)? as u8;
            if half {
                *out.last_mut()? |= v;
            } else {
                out.push(v << 4);
            }
            half = !half;
        }
    }

    /// An object inside an array or dictionary (followed by white space only: a comment or a
    /// reference there is left to lopdf).
    fn direct(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        let o = match self.peek()? {
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let o = self.number()?;
                // "1 0 R" is a reference to lopdf
                let save = self.i;
                self.skip_ws();
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    let mut j = self.i;
                    while self.d.get(j).is_some_and(|c| c.is_ascii_digit()) {
                        j += 1;
                    }
                    while self.d.get(j).copied().is_some_and(is_ws) {
                        j += 1;
                    }
                    if self.d.get(j) == Some(&b'R') {
                        return None;
                    }
                }
                self.i = save;
                o
            }
            _ => self.other(depth)?,
        };
        if self.peek() == Some(b'%') {
            return None;
        }
        self.skip_ws();
        if self.peek() == Some(b'%') {
            return None;
        }
        Some(o)
    }

    /// A name, string, dictionary or array (what is not a number).
    fn other(&mut self, depth: usize) -> Option<Object> {
        Some(match self.peek()? {
            b'/' => Object::Name(self.name()?),
            b'(' => Object::String(self.literal(depth)?, StringFormat::Literal),
            b'<' if self.d.get(self.i + 1) == Some(&b'<') => Object::Dictionary(self.dict(depth)?),
            b'<' => Object::String(self.hex()?, StringFormat::Hexadecimal),
            b'[' => Object::Array(self.array(depth)?),
            _ => return None,
        })
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Object>> {
        self.i += 1; // '['
        self.skip_ws();
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(out);
                }
                b'%' => return None,
                _ => out.push(self.direct(depth + 1)?),
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Option<Dictionary> {
        self.i += 2; // '<<'
        self.skip_ws();
        let mut out = Dictionary::new();
        loop {
            match self.peek()? {
                b'>' => {
                    if self.d.get(self.i + 1) != Some(&b'>') {
                        return None;
                    }
                    self.i += 2;
                    return Some(out);
                }
                b'/' => {
                    let key = self.name()?;
                    if self.peek() == Some(b'%') {
                        return None;
                    }
                    self.skip_ws();
                    let value = self.direct(depth + 1)?;
                    if out.has(&key) {
                        return None;
                    }
                    out.set(key, value);
                }
                _ => return None,
            }
        }
    }

    /// An operand (followed by white space only).
    fn operand(&mut self) -> Option<Object> {
        let o = match self.peek()? {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number()?,
            _ => self.other(0)?,
        };
        self.skip_ws();
        Some(o)
    }
}

/// The operations of a content stream as lopdf's strict decoder reads them, or `None` where
/// this reader is not sure (lopdf then decides).
pub fn decode(data: &[u8]) -> Option<Vec<Operation>> {
    let mut r = Reader { d: data, i: 0 };
    let mut ops = Vec::new();
    let mut operands = Vec::new();
    r.skip_ws();
    while let Some(c) = r.peek() {
        if c == b'%' {
            // comments only between operations
            if !operands.is_empty() {
                return None;
            }
            r.i += 1;
            r.comment()?;
            r.skip_ws();
            continue;
        }
        if c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"') {
            let start = r.i;
            while r
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"'))
            {
                r.i += 1;
            }
            let op = &data[start..r.i];
            // operands lopdf reads as words, and inline images: lopdf's
            if op.starts_with(b"null")
                || op.starts_with(b"true")
                || op.starts_with(b"false")
                || op.starts_with(b"BI")
                || op == b"ID"
                || op == b"EI"
            {
                return None;
            }
            ops.push(Operation {
                operator: String::from_utf8(op.to_vec()).ok()?,
                operands: std::mem::take(&mut operands),
            });
            r.skip_ws();
            continue;
        }
        operands.push(r.operand()?);
    }
    operands.is_empty().then_some(ops)
}
