// Package pdf writes tkm's official documents as PDF files: the BAST
// (berita acara serah terima, the handover record of facility aid) today,
// expo and statistics reports later.
//
// Documents are drawn with codeberg.org/go-pdf/fpdf, the maintained home of
// the FPDF port for Go (jung-kurt/gofpdf → github.com/go-pdf/fpdf → codeberg
// since the GitHub repository was archived in 2025). It is MIT-licensed,
// pure Go, needs no font files for the PDF core fonts, breaks pages and
// lines itself and can pin every varying byte of its output (creation date,
// resource order), so a record always gives the same bytes.
//
// Text is drawn in Helvetica, a core font every PDF reader has, so nothing
// is embedded and a BAST weighs a few kilobytes. The core fonts speak
// Windows-1252, which covers Indonesian and the odd "é" or "’" in a name;
// any other character is drawn as its base letter ("ā" as "a") or "?".
//
// Shared page furniture lives in small helpers: page.go (page set-up,
// letterhead, paragraphs, page numbers), table.go (tables whose heading
// repeats on every page), sign.go (signature blocks), text.go (text
// encoding) and filename.go (safe download names). Each document (bast.go)
// only says what goes where.
package pdf
