//! Values held compactly in memory between the passes (JSON, deflated), so that what a dossier keeps per document stays small as dossiers grow.
//!
//! Pass 1 decides what every document's findings are; pass 2 needs them one document at a time.
//! Holding every finding of a 100,000-page dossier as Rust values costs hundreds of bytes each;
//! packed they cost a few. Packing is lossless: [`Packed::unpack`] gives back an equal value.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{Read, Write};
use std::marker::PhantomData;

/// A value of type `T`, serialised and deflated.
pub struct Packed<T> {
    bytes: Vec<u8>,
    _t: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Packed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} bytes)", self.bytes.len())
    }
}

impl<T> Clone for Packed<T> {
    fn clone(&self) -> Self {
        Packed {
            bytes: self.bytes.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Serialize + DeserializeOwned> Packed<T> {
    /// Packs a value.
    pub fn pack(value: &T) -> Packed<T> {
        let json = serde_json::to_vec(value).expect("packable value serialises");
        let mut enc = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(json.len() / 4 + 16),
            flate2::Compression::fast(),
        );
        enc.write_all(&json).expect("deflate into memory");
        let mut bytes = enc.finish().expect("deflate into memory");
        bytes.shrink_to_fit();
        Packed {
            bytes,
            _t: PhantomData,
        }
    }

    /// The value again.
    pub fn unpack(&self) -> T {
        let mut json = Vec::with_capacity(self.bytes.len() * 4);
        flate2::read::DeflateDecoder::new(self.bytes.as_slice())
            .read_to_end(&mut json)
            .expect("packed bytes inflate (written by pack)");
        serde_json::from_slice(&json).expect("packed value deserialises (written by pack)")
    }

    /// Size of the packed form in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the packed form is empty (never: even an empty value has a form).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_come_back_equal_and_smaller() {
        let pages: Vec<Vec<(usize, String, Option<f32>)>> = (0..50)
            .map(|p| {
                (0..40)
                    .map(|i| {
                        (
                            p * 1000 + i,
                            format!("rule.name {i} because of a cue"),
                            Some(0.5),
                        )
                    })
                    .collect()
            })
            .collect();
        let packed = Packed::pack(&pages);
        assert_eq!(packed.unpack(), pages);
        let raw: usize = pages.iter().flatten().map(|f| 48 + f.1.len()).sum();
        assert!(packed.len() * 5 < raw, "{} vs {raw}", packed.len());
    }
}
