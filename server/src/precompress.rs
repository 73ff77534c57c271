//! Compressed copies of the app's files. cargo-leptos writes `.br` and `.gz` beside the JS,
//! WASM and CSS only for release builds made with `--precompress` (as `make run` does); the
//! server writes any that are missing when it starts, so a build without the flag still goes
//! out compressed. leptos_axum's file handler serves the copy a browser accepts.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the missing copies in the background (brotli takes seconds on a debug build's WASM);
/// each copy appears whole (written aside, then renamed), so a half-written file is never
/// served.
pub fn spawn(pkg_dir: PathBuf) {
    tokio::task::spawn_blocking(move || write_all(&pkg_dir));
}

/// Writes the missing copies of the files in `pkg_dir`, now.
pub fn write_all(pkg_dir: &Path) {
    let files: Vec<PathBuf> = match std::fs::read_dir(pkg_dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            tracing::warn!(dir = %pkg_dir.display(), error = %e, "no app files to compress");
            Vec::new()
        }
    };
    type Compress = fn(&[u8]) -> std::io::Result<Vec<u8>>;
    for file in files.iter().filter(|f| wants_copies(f)) {
        for (ext, compress) in [("br", brotli as Compress), ("gz", gzip)] {
            if let Err(e) = write_copy(file, ext, compress) {
                tracing::warn!(file = %file.display(), error = %e, "could not compress");
            }
        }
    }
}

fn wants_copies(file: &Path) -> bool {
    matches!(
        file.extension().and_then(|e| e.to_str()),
        Some("js" | "wasm" | "css")
    )
}

/// Writes `file.ext` unless it exists and is newer than `file`.
fn write_copy(
    file: &Path,
    ext: &str,
    compress: fn(&[u8]) -> std::io::Result<Vec<u8>>,
) -> std::io::Result<()> {
    let copy = PathBuf::from(format!("{}.{ext}", file.display()));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(c), Some(f)) = (modified(&copy), modified(file)) {
        if c >= f {
            return Ok(());
        }
    }
    let bytes = compress(&std::fs::read(file)?)?;
    let aside = PathBuf::from(format!("{}.{ext}.part", file.display()));
    std::fs::write(&aside, bytes)?;
    std::fs::rename(aside, copy)
}

fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    // Quality 11 (the best, as cargo-leptos' --precompress writes) for release-sized files; a
    // debug build's WASM (tens of MB) would take a core for a minute at 11, so it gets 6.
    let quality = if data.len() <= 4 * 1024 * 1024 { 11 } else { 6 };
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        w.write_all(data)?;
    }
    Ok(out)
}

fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(data)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_written_once_and_decompress_to_the_file() {
        let dir = std::env::temp_dir().join(format!("precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let js = dir.join("app.js");
        std::fs::write(&js, "console.log('hello');".repeat(100)).unwrap();
        write_copy(&js, "gz", gzip).unwrap();
        write_copy(&js, "br", brotli).unwrap();
        let gz = std::fs::read(dir.join("app.js.gz")).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text)
            .unwrap();
        assert_eq!(text, std::fs::read_to_string(&js).unwrap());
        assert!(std::fs::metadata(dir.join("app.js.br")).unwrap().len() < 200);
        assert!(wants_copies(&js) && !wants_copies(&dir.join("app.js.br")));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
