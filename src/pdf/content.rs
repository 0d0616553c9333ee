//! Content streams: strict decoding into operations, encoding and compressing them again, and a typed view of each operator (unknown ones kept verbatim).

use super::geom::Matrix;
use lopdf::content::{Content, Operation};
use lopdf::{Object, Stream};

/// Decodes a content stream strictly: a stream that does not parse cleanly is an error, never
/// silently truncated.
pub fn decode_ops(bytes: &[u8]) -> Result<Vec<Operation>, String> {
    if let Some(ops) = super::content_fast::decode(bytes) {
        return Ok(ops);
    }
    Content::decode_strict(bytes)
        .map(|c| c.operations)
        .map_err(|e| e.to_string())
}

/// `data` compressed with Flate (zlib), as every stream we write: the default level, which on
/// page content is within 1% of the best level's size in little more than half its time (lopdf's
/// own `Stream::compress` uses the best).
pub fn flate(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::default(),
    );
    enc.write_all(data).ok()?;
    enc.finish().ok()
}

/// Compresses a stream that has no filter with [`flate`], when that makes it smaller (as lopdf's
/// `Stream::compress` does, at our level).
pub fn compress(stream: &mut Stream) {
    if stream.dict.has(b"Filter") {
        return;
    }
    if let Some(packed) = flate(&stream.content)
        && packed.len() + 19 < stream.content.len()
    {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(packed);
    }
}

/// Encodes operations back into content-stream bytes.
pub fn encode_ops(ops: &[Operation]) -> Result<Vec<u8>, String> {
    Content { operations: ops }
        .encode()
        .map_err(|e| e.to_string())
}

/// One element of a `TJ` array.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TjElem<'a> {
    /// A string to show.
    Str(&'a [u8]),
    /// A position adjustment in thousandths of text space (positive moves left).
    Adjust(f64),
}

/// A typed view of one content-stream operation, borrowing its operands.
#[derive(Debug, Clone, PartialEq)]
pub enum Op<'a> {
    /// `q`
    Save,
    /// `Q`
    Restore,
    /// `cm`
    Concat(Matrix),
    /// `BT`
    BeginText,
    /// `ET`
    EndText,
    /// `Tf` font resource name and size.
    SetFont(&'a [u8], f64),
    /// `Tc`
    CharSpacing(f64),
    /// `Tw`
    WordSpacing(f64),
    /// `Tz` (percent)
    HScale(f64),
    /// `TL`
    Leading(f64),
    /// `Ts`
    Rise(f64),
    /// `Tr`
    RenderMode(i64),
    /// `Td`
    MoveText(f64, f64),
    /// `TD` (also sets leading to -ty)
    MoveTextSetLeading(f64, f64),
    /// `Tm`
    SetTextMatrix(Matrix),
    /// `T*`
    NextLine,
    /// `Tj`
    Show(&'a [u8]),
    /// `TJ`
    ShowArray(Vec<TjElem<'a>>),
    /// `'`: T* then Tj.
    NextLineShow(&'a [u8]),
    /// `"`: set Tw and Tc, then T* and Tj.
    NextLineShowSpaced(f64, f64, &'a [u8]),
    /// `BMC` tag.
    BeginMarked(&'a [u8]),
    /// `BDC` tag and properties (inline dictionary or resource name).
    BeginMarkedProps(&'a [u8], &'a Object),
    /// `EMC`
    EndMarked,
    /// `Do` XObject resource name.
    XObject(&'a [u8]),
    /// `BI ... ID ... EI` inline image.
    InlineImage(&'a Stream),
    /// `gs` ExtGState resource name.
    ExtGState(&'a [u8]),
    /// `g` fill gray.
    FillGray(f64),
    /// `rg` fill RGB.
    FillRgb(f64, f64, f64),
    /// `k` fill CMYK.
    FillCmyk(f64, f64, f64, f64),
    /// `cs` fill colour space name.
    FillSpace(&'a [u8]),
    /// `sc` / `scn` fill colour components (a pattern name is ignored).
    FillColor(Vec<f64>),
    /// Any other operator, or a known one with malformed operands: kept verbatim.
    Other,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f64; N]> {
    if ops.len() != N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(ops) {
        *slot = num(o)?;
    }
    Some(out)
}

fn string(o: &Object) -> Option<&[u8]> {
    match o {
        Object::String(s, _) => Some(s),
        _ => None,
    }
}

fn name(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

impl<'a> Op<'a> {
    /// Types an operation; malformed operands give [`Op::Other`].
    pub fn parse(op: &'a Operation) -> Op<'a> {
        Self::try_parse(op).unwrap_or(Op::Other)
    }

    fn try_parse(op: &'a Operation) -> Option<Op<'a>> {
        let a = op.operands.as_slice();
        Some(match op.operator.as_str() {
            "q" => Op::Save,
            "Q" => Op::Restore,
            "cm" => Op::Concat(Matrix(nums::<6>(a)?)),
            "BT" => Op::BeginText,
            "ET" => Op::EndText,
            "Tf" if a.len() == 2 => Op::SetFont(name(&a[0])?, num(&a[1])?),
            "Tc" => Op::CharSpacing(nums::<1>(a)?[0]),
            "Tw" => Op::WordSpacing(nums::<1>(a)?[0]),
            "Tz" => Op::HScale(nums::<1>(a)?[0]),
            "TL" => Op::Leading(nums::<1>(a)?[0]),
            "Ts" => Op::Rise(nums::<1>(a)?[0]),
            "Tr" => Op::RenderMode(nums::<1>(a)?[0] as i64),
            "Td" => {
                let [x, y] = nums::<2>(a)?;
                Op::MoveText(x, y)
            }
            "TD" => {
                let [x, y] = nums::<2>(a)?;
                Op::MoveTextSetLeading(x, y)
            }
            "Tm" => Op::SetTextMatrix(Matrix(nums::<6>(a)?)),
            "T*" => Op::NextLine,
            "Tj" if a.len() == 1 => Op::Show(string(&a[0])?),
            "'" if a.len() == 1 => Op::NextLineShow(string(&a[0])?),
            "\"" if a.len() == 3 => {
                Op::NextLineShowSpaced(num(&a[0])?, num(&a[1])?, string(&a[2])?)
            }
            "TJ" if a.len() == 1 => {
                let arr = a[0].as_array().ok()?;
                let mut elems = Vec::with_capacity(arr.len());
                for e in arr {
                    match e {
                        Object::String(s, _) => elems.push(TjElem::Str(s)),
                        other => elems.push(TjElem::Adjust(num(other)?)),
                    }
                }
                Op::ShowArray(elems)
            }
            "BMC" if a.len() == 1 => Op::BeginMarked(name(&a[0])?),
            "BDC" if a.len() == 2 => Op::BeginMarkedProps(name(&a[0])?, &a[1]),
            "EMC" => Op::EndMarked,
            "Do" if a.len() == 1 => Op::XObject(name(&a[0])?),
            "BI" => match a {
                [Object::Stream(s)] => Op::InlineImage(s),
                _ => return None,
            },
            "gs" if a.len() == 1 => Op::ExtGState(name(&a[0])?),
            "g" => Op::FillGray(nums::<1>(a)?[0]),
            "rg" => {
                let [r, g, b] = nums::<3>(a)?;
                Op::FillRgb(r, g, b)
            }
            "k" => {
                let [c, m, y, k] = nums::<4>(a)?;
                Op::FillCmyk(c, m, y, k)
            }
            "cs" if a.len() == 1 => Op::FillSpace(name(&a[0])?),
            "sc" | "scn" => Op::FillColor(a.iter().filter_map(num).collect()),
            _ => return None,
        })
    }

    /// True for the operators that show text.
    pub fn is_show(&self) -> bool {
        matches!(
            self,
            Op::Show(_) | Op::ShowArray(_) | Op::NextLineShow(_) | Op::NextLineShowSpaced(..)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_decoding_rejects_garbage_instead_of_truncating() {
        assert!(decode_ops(b"BT /F1 12 Tf (Jan) Tj ET").is_ok());
        assert!(decode_ops(b"BT /F1 12 Tf (Jan) Tj ET )))) <<<< [[[").is_err());
    }

    #[test]
    fn typed_view_reads_text_operators_and_keeps_unknown_ones() {
        let ops = decode_ops(b"BT /F1 12 Tf 1 0 0 1 72 700 Tm [(A) -120 (B)] TJ ET 0 0 m").unwrap();
        let typed: Vec<Op> = ops.iter().map(Op::parse).collect();
        assert_eq!(typed[1], Op::SetFont(b"F1", 12.0));
        assert_eq!(
            typed[2],
            Op::SetTextMatrix(Matrix([1.0, 0.0, 0.0, 1.0, 72.0, 700.0]))
        );
        assert_eq!(
            typed[3],
            Op::ShowArray(vec![
                TjElem::Str(b"A"),
                TjElem::Adjust(-120.0),
                TjElem::Str(b"B")
            ])
        );
        assert_eq!(typed[5], Op::Other);
    }

    #[test]
    fn malformed_operands_are_kept_verbatim() {
        let ops = decode_ops(b"(x) (y) Tf").unwrap();
        assert_eq!(Op::parse(&ops[0]), Op::Other);
    }
}
