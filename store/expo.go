package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tkm"
)

// ExpoService keeps expos, their exhibitors and their sales.
type ExpoService struct{ db *DB }

// NewExpoService returns the expo service of db.
func NewExpoService(db *DB) *ExpoService { return &ExpoService{db: db} }

var _ tkm.ExpoService = (*ExpoService)(nil)

func expoNotFound() error {
	return tkm.Errorf(tkm.ENOTFOUND, "Pameran tidak ditemukan.", "Expo not found.")
}

// CreateExpo records an expo.
func (s *ExpoService) CreateExpo(ctx context.Context, e *tkm.Expo) error {
	if err := tkm.Authorize(ctx, tkm.ManageExpos); err != nil {
		return err
	}
	if err := e.Validate(s.db.Regions); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		e.CreatedAt, e.Exhibitors = tx.now, []*tkm.Exhibitor{}
		err := tx.QueryRowContext(ctx, `INSERT INTO expos (name, venue, region_code, starts_on, ends_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.Name, e.Venue, e.RegionCode, e.StartsOn.String(),
			e.EndsOn.String(), tkm.UserFromContext(ctx).ID, e.CreatedAt).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("insert expo: %w", err)
		}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditExpo, Entity: "expo", EntityID: e.ID, Changes: changes(nil, e)})
	})
}

// FindExpoByID returns an expo with every exhibitor.
func (s *ExpoService) FindExpoByID(ctx context.Context, id tkm.ID) (*tkm.Expo, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	var e *tkm.Expo
	err := s.db.read(ctx, func(tx *Tx) (err error) { e, err = findExpo(ctx, tx, id); return err })
	return e, err
}

// FindExpos returns every expo, the latest first.
func (s *ExpoService) FindExpos(ctx context.Context) ([]*tkm.Expo, error) {
	if err := tkm.Authorize(ctx, tkm.ReadRegistry); err != nil {
		return nil, err
	}
	return findExpos(ctx, s.db)
}

func findExpos(ctx context.Context, db *DB) ([]*tkm.Expo, error) {
	var out []*tkm.Expo
	err := db.read(ctx, func(tx *Tx) error {
		list, err := ids(ctx, tx, `SELECT id FROM expos ORDER BY starts_on DESC, id DESC LIMIT 500`)
		for _, id := range list {
			e, err := findExpo(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return err
	})
	if out == nil {
		out = []*tkm.Expo{}
	}
	return out, err
}

func findExpo(ctx context.Context, tx *Tx, id tkm.ID) (*tkm.Expo, error) {
	var e tkm.Expo
	var starts, ends string
	err := tx.QueryRowContext(ctx, `SELECT id, name, venue, region_code, starts_on, ends_on, created_at FROM expos WHERE id = $1`, id).
		Scan(&e.ID, &e.Name, &e.Venue, &e.RegionCode, &starts, &ends, &e.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, expoNotFound()
	} else if err != nil {
		return nil, fmt.Errorf("find expo %d: %w", id, err)
	}
	e.StartsOn, _ = tkm.ParseDate(starts)
	e.EndsOn, _ = tkm.ParseDate(ends)
	e.CreatedAt = e.CreatedAt.UTC()
	e.Exhibitors, err = exhibitors(ctx, tx, id)
	return &e, err
}

// exhibitors lists an expo's booths in booth order, each with its sales.
func exhibitors(ctx context.Context, tx *Tx, expo tkm.ID) ([]*tkm.Exhibitor, error) {
	rows, err := tx.QueryContext(ctx, `SELECT x.group_id, x.booth, g.name, g.region_code, g.sector,
			COALESCE((SELECT SUM(s.amount) FROM sales s WHERE s.expo_id = x.expo_id AND s.group_id = x.group_id), 0)
		FROM exhibitors x JOIN groups g ON g.id = x.group_id WHERE x.expo_id = $1 ORDER BY x.booth`, expo)
	if err != nil {
		return nil, fmt.Errorf("exhibitors of %d: %w", expo, err)
	}
	defer rows.Close()
	out := []*tkm.Exhibitor{}
	for rows.Next() {
		var x tkm.Exhibitor
		if err := rows.Scan(&x.GroupID, &x.Booth, &x.GroupName, &x.RegionCode, &x.Sector, &x.Sales); err != nil {
			return nil, err
		}
		out = append(out, &x)
	}
	return out, rows.Err()
}

// AddExhibitor gives a group in the caller's scope a booth: only a group
// with proof of products (institutional or graduated) may exhibit.
func (s *ExpoService) AddExhibitor(ctx context.Context, expoID, groupID tkm.ID, booth string) (*tkm.Exhibitor, error) {
	if err := tkm.Authorize(ctx, tkm.ManageExpos); err != nil {
		return nil, err
	}
	booth = strings.TrimSpace(booth)
	if groupID == 0 {
		return nil, requiredGroup()
	}
	var x *tkm.Exhibitor
	err := s.db.write(ctx, func(tx *Tx) error {
		if _, err := findExpo(ctx, tx, expoID); err != nil {
			return err
		}
		g, err := findGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if err := checkExhibitor(g, booth); err != nil {
			return err
		}
		if err := insertExhibitor(ctx, tx, expoID, g, booth); err != nil {
			return err
		}
		x = &tkm.Exhibitor{GroupID: g.ID, Booth: booth, GroupName: g.Name, RegionCode: g.RegionCode, Sector: g.Sector}
		return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditExpo, Entity: "expo", EntityID: expoID, GroupID: g.ID,
			Note: "stan " + booth})
	})
	return x, err
}

func checkExhibitor(g *tkm.Group, booth string) error {
	var f tkm.Fields
	if booth == "" || len(booth) > 20 {
		f.Add("booth", "booth_invalid", "Nomor stan wajib diisi (paling panjang 20 karakter).", "A booth number is required (20 characters at most).")
	}
	if !tkm.CanExhibit(g.Stage) {
		f.Add("group_id", tkm.GateProductEvidence, "Hanya kelompok pada tahap Kelembagaan atau Mandiri (dengan bukti produk) yang boleh ikut pameran.",
			"Only groups at Institutional or Independent (with proof of products) may exhibit.")
	}
	return f.Err()
}

func insertExhibitor(ctx context.Context, tx *Tx, expo tkm.ID, g *tkm.Group, booth string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO exhibitors (expo_id, group_id, booth) VALUES ($1, $2, $3)`, expo, g.ID, booth)
	if tx.db.dialect.isUnique(err) {
		var f tkm.Fields
		f.Add("booth", "booth_taken", "Stan ini sudah terisi, atau kelompok ini sudah punya stan.", "This booth is taken, or the group has a booth already.")
		e := f.Err().(*tkm.Error)
		e.Code = tkm.ECONFLICT
		return e
	} else if err != nil {
		return fmt.Errorf("insert exhibitor: %w", err)
	}
	return nil
}

// RecordSale records what an exhibitor in the caller's scope sold.
func (s *ExpoService) RecordSale(ctx context.Context, expoID tkm.ID, sale *tkm.Sale) error {
	if err := tkm.Authorize(ctx, tkm.RecordSales); err != nil {
		return err
	}
	if sale.GroupID == 0 {
		return requiredGroup()
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := findGroup(ctx, tx, sale.GroupID); err != nil {
			return err
		}
		var n int
		if err := count(ctx, tx, &n, `SELECT COUNT(*) FROM exhibitors WHERE expo_id = $1 AND group_id = $2`, expoID, sale.GroupID); err != nil {
			return err
		} else if n == 0 {
			var f tkm.Fields
			f.Add("group_id", "not_exhibitor", "Kelompok ini tidak punya stan di pameran ini.", "This group has no booth at this expo.")
			return f.Err()
		}
		return insertSale(ctx, tx, expoID, sale)
	})
}

func insertSale(ctx context.Context, tx *Tx, expo tkm.ID, sale *tkm.Sale) error {
	sale.Note = strings.TrimSpace(sale.Note)
	if sale.Amount <= 0 || sale.Amount > 1_000_000_000_000 || len(sale.Note) > 500 {
		var f tkm.Fields
		f.Add("amount", "amount_invalid", "Nilai penjualan harus lebih dari Rp0.", "The amount must be above Rp0.")
		return f.Err()
	}
	sale.ExpoID, sale.At = expo, tx.now
	err := tx.QueryRowContext(ctx, `INSERT INTO sales (expo_id, group_id, amount, note, at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, expo, sale.GroupID, sale.Amount, sale.Note, sale.At,
		tkm.UserFromContext(ctx).ID).Scan(&sale.ID)
	if err != nil {
		return fmt.Errorf("insert sale: %w", err)
	}
	return tx.audit(ctx, &tkm.AuditEntry{Action: tkm.AuditSale, Entity: "expo", EntityID: expo, GroupID: sale.GroupID,
		Changes: changes(nil, sale)})
}

// ExpoReport gives an expo's figures: exhibitors by province, products
// shown, sales.
func (s *ExpoService) ExpoReport(ctx context.Context, id tkm.ID) (*tkm.ExpoReport, error) {
	if err := tkm.Authorize(ctx, tkm.ReadExpos); err != nil {
		return nil, err
	}
	r := &tkm.ExpoReport{ExhibitorsByProvince: map[string]int{}}
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if r.Expo, err = findExpo(ctx, tx, id); err != nil {
			return err
		}
		for _, x := range r.Expo.Exhibitors {
			r.ExhibitorsByProvince[tkm.ProvinceOf(x.RegionCode)]++
			r.SalesTotal += x.Sales
		}
		return count(ctx, tx, &r.Products, `SELECT COUNT(*) FROM products p JOIN exhibitors x ON x.group_id = p.group_id
			WHERE x.expo_id = $1`, id)
	})
	return r, err
}

// DownloadExpoReport returns the report and records its download.
func (s *ExpoService) DownloadExpoReport(ctx context.Context, id tkm.ID, format string) (*tkm.ExpoReport, error) {
	r, err := s.ExpoReport(ctx, id)
	if err != nil {
		return nil, err
	}
	return r, s.db.auditAlone(ctx, &tkm.AuditEntry{Action: tkm.AuditExport, Entity: "expo", EntityID: id,
		Note: "laporan pameran (" + format + ")"})
}

func requiredGroup() error {
	var f tkm.Fields
	f.Add("group_id", "required", "Pilih kelompok.", "Choose a group.")
	return f.Err()
}
