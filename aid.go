package tkm

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// AidMethod is how facility aid reached a group.
type AidMethod string

const (
	AidTransfer AidMethod = "transfer" // money to the group's account
	AidInKind   AidMethod = "in_kind"  // the goods themselves
)

// ItemCategory says what kind of goods an aid item is.
type ItemCategory string

const (
	Equipment ItemCategory = "equipment" // peralatan
	Material  ItemCategory = "material"  // bahan
)

// Aid is one handover of facility aid (bantuan fasilitas) to a group,
// documented by a BAST (berita acara serah terima) with its number.
type Aid struct {
	ID          ID        `json:"id"`
	GroupID     ID        `json:"group_id"`
	Amount      int64     `json:"amount"`
	DisbursedOn Date      `json:"disbursed_on"`
	Method      AidMethod `json:"method"`
	HandoverNo  string    `json:"handover_no"`
	Place       string    `json:"place"`
	Items       []AidItem `json:"items"`
	CreatedAt   time.Time `json:"created_at"`
}

// AidItem is one line of an aid handover.
type AidItem struct {
	Description string       `json:"description"`
	Category    ItemCategory `json:"category"`
	Qty         int64        `json:"qty"`
	Unit        string       `json:"unit"`
	UnitPrice   int64        `json:"unit_price"`
}

// Total is the item's quantity times its unit price.
func (it AidItem) Total() int64 { return it.Qty * it.UnitPrice }

// maxRupiah bounds amounts so that sums never overflow: a trillion Rupiah.
const maxRupiah = 1_000_000_000_000

// Validate checks an aid record: its items must add up to its amount. It
// warns when the equipment share is below the cohort's.
func (a *Aid) Validate(c *Cohort, today Date) ([]Warning, error) {
	var f Fields
	a.HandoverNo, a.Place = strings.TrimSpace(a.HandoverNo), strings.TrimSpace(a.Place)
	requireText(&f, "handover_no", a.HandoverNo, 100, "Nomor BAST", "Handover number")
	limitText(&f, "place", a.Place, 100)
	if a.Method != AidTransfer && a.Method != AidInKind {
		f.Add("method", "method_invalid", "Cara penyaluran harus transfer atau in_kind.", "Method must be transfer or in_kind.")
	}
	switch {
	case a.DisbursedOn.IsZero():
		f.Add("disbursed_on", "required", "Tanggal penyaluran wajib diisi.", "Disbursement date is required.")
	case today.Before(a.DisbursedOn):
		f.Add("disbursed_on", "date_future", "Tanggal penyaluran tidak boleh di masa depan.", "Disbursement date cannot be in the future.")
	}
	if a.Amount <= 0 || a.Amount > maxRupiah {
		f.Add("amount", "amount_invalid", "Nilai bantuan harus lebih dari Rp0.", "Amount must be above Rp0.")
	}
	sum, equipment := a.checkItems(&f)
	if len(f) == 0 && sum != a.Amount {
		f.Add("items", "items_sum", fmt.Sprintf("Jumlah rincian %s tidak sama dengan nilai bantuan %s.", FormatRupiah(sum), FormatRupiah(a.Amount)),
			fmt.Sprintf("The items add up to %s, not the amount %s.", FormatRupiah(sum), FormatRupiah(a.Amount)))
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return a.shareWarnings(equipment, c), nil
}

// checkItems validates each item and returns the sum and the equipment part.
func (a *Aid) checkItems(f *Fields) (sum, equipment int64) {
	if len(a.Items) == 0 {
		f.Add("items", "required", "Rincian barang wajib diisi.", "Items are required.")
	}
	for i := range a.Items {
		it := &a.Items[i]
		p := fmt.Sprintf("items[%d].", i)
		it.Description, it.Unit = strings.TrimSpace(it.Description), strings.TrimSpace(it.Unit)
		requireText(f, p+"description", it.Description, 200, "Uraian", "Description")
		requireText(f, p+"unit", it.Unit, 30, "Satuan", "Unit")
		if it.Category != Equipment && it.Category != Material {
			f.Add(p+"category", "category_invalid", "Jenis harus equipment atau material.", "Category must be equipment or material.")
		}
		if it.Qty <= 0 || it.Qty > 1_000_000 || it.UnitPrice <= 0 || it.UnitPrice > maxRupiah {
			f.Add(p+"qty", "item_invalid", "Jumlah dan harga satuan harus lebih dari nol.", "Quantity and unit price must be above zero.")
			continue
		}
		sum += it.Total()
		if it.Category == Equipment {
			equipment += it.Total()
		}
	}
	return sum, equipment
}

func (a *Aid) shareWarnings(equipment int64, c *Cohort) []Warning {
	if c == nil || a.Amount == 0 || equipment*100 >= int64(c.EquipmentSharePct)*a.Amount {
		return nil
	}
	pct := equipment * 100 / a.Amount
	return []Warning{{Field: "items", Code: "equipment_share_low",
		Message: fmt.Sprintf("Porsi peralatan %d%%, di bawah ketentuan angkatan %d%%.", pct, c.EquipmentSharePct),
		English: fmt.Sprintf("Equipment is %d%% of the aid, below the cohort's %d%%.", pct, c.EquipmentSharePct)}}
}

// AidService records aid and its handover documents.
type AidService interface {
	CreateAid(ctx context.Context, groupID ID, a *Aid) ([]Warning, error)
	FindAidByID(ctx context.Context, id ID) (*Aid, error)
	FindAid(ctx context.Context, groupID ID) ([]*Aid, error)
}
