//! Published facts the importer relies on: ВПР (and ОГЭ) conversion scales and work
//! structures per year, subject and grade, read from versioned data files with a source per
//! entry (crates/core/data/).
