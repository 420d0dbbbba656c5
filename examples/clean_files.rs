//! Cleans many files in one process, for evaluation (see `scripts/train.py`).
//!
//! Usage: `clean_files [--forest FILE] [--threshold X | --beta B] [--mode MODE] [--glue HOW] --out DIR FILE...`
//!
//! Writes each FILE's clean text to `DIR/<file name>`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = deboil::Cleaner::builder();
    let mut out = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--forest" => {
                builder.forest_file(args.next().ok_or("--forest needs a file")?);
            }
            "--threshold" => {
                builder.threshold(args.next().ok_or("--threshold needs a value")?.parse()?);
            }
            "--beta" => {
                builder.beta(args.next().ok_or("--beta needs a value")?.parse()?);
            }
            "--mode" => {
                builder.mode(args.next().ok_or("--mode needs a value")?.parse()?);
            }
            "--glue" => {
                builder.glue(args.next().ok_or("--glue needs a value")?.parse()?);
            }
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a dir")?)),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    std::fs::create_dir_all(&out)?;
    let cleaner = builder.build()?;
    for file in files {
        let input = std::fs::read(&file)?;
        let name = file.file_name().ok_or("a file has no name")?;
        std::fs::write(out.join(name), cleaner.clean_bytes(&input))?;
    }
    Ok(())
}
