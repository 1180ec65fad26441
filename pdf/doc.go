// Package pdf writes tkm's official documents as PDF files: the BAST
// (berita acara serah terima, the handover record of facility aid), an
// expo's report for the ministry and its catalogue for visitors, with a QR
// code per booth that leads to the group's public page.
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
// QR codes come from github.com/skip2/go-qrcode (MIT, pure Go, no
// dependencies) as PNG images, which fpdf embeds from memory.
//
// Shared page furniture lives in small helpers: page.go (page set-up,
// letterhead, paragraphs, sections, clipped text, page numbers), table.go
// (tables whose heading repeats on every page), sign.go (signature blocks),
// qr.go (QR codes), text.go (text encoding) and filename.go (safe download
// names); expo.go holds what both expo documents share. Each document
// (bast.go, expo_report.go, expo_catalogue.go with expo_card.go) only says
// what goes where.
package pdf
