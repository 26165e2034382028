//! Text from data files on its way to the reader, in one place and with
//! no terminal library: the dataset's display text built once per load
//! (`display`), the rules that make a string safe to show (`sanitize`),
//! the gate every command-line byte passes (`gate`), widths in terminal
//! cells (`width`), line breaking (`wrap`) and counts whose noun agrees
//! with the number (`plural`). The screen's styled lines
//! are built from these in `ui::text`.

pub mod display;
pub mod gate;
pub mod plural;
pub mod sanitize;
pub mod width;
pub mod wrap;
