package api

import (
	"net/http"
	"strings"

	"tkm"
)

// memberRequest is the body that adds a member.
type memberRequest struct {
	NIK        string         `json:"nik"`
	Name       string         `json:"name"`
	Sex        tkm.Sex        `json:"sex"`
	BirthDate  tkm.Date       `json:"birth_date"`
	Phone      string         `json:"phone"`
	Address    string         `json:"address"`
	Education  string         `json:"education"`
	Employment tkm.Employment `json:"employment"`
	Role       tkm.MemberRole `json:"role"`
	Disability bool           `json:"disability"`
}

func (q memberRequest) member() *tkm.Member {
	return &tkm.Member{
		NIK: q.NIK, Name: q.Name, Sex: q.Sex, BirthDate: q.BirthDate, Phone: q.Phone, Address: q.Address,
		Education: q.Education, Employment: q.Employment, Role: q.Role, Disability: q.Disability,
	}
}

// memberResponse is a member with the warnings its write raised.
type memberResponse struct {
	*tkm.Member
	Warnings []tkm.Warning `json:"warnings,omitempty"`
}

type memberList struct {
	Items      []*tkm.Member `json:"items"`
	NextCursor string        `json:"next_cursor"`
}

func (a *API) createMember(w http.ResponseWriter, r *http.Request) error {
	groupID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req memberRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	m := req.member()
	warnings, err := a.Members.CreateMember(r.Context(), groupID, m)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, memberResponse{Member: m, Warnings: warnings})
}

func (a *API) updateMember(w http.ResponseWriter, r *http.Request) error {
	groupID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	id, err := pathID(r, "member_id")
	if err != nil {
		return err
	}
	var u tkm.MemberUpdate
	if err := decode(w, r, &u); err != nil {
		return err
	}
	m, warnings, err := a.Members.UpdateMember(r.Context(), groupID, id, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, memberResponse{Member: m, Warnings: warnings})
}

func (a *API) deleteMember(w http.ResponseWriter, r *http.Request) error {
	groupID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	id, err := pathID(r, "member_id")
	if err != nil {
		return err
	}
	if err := a.Members.DeleteMember(r.Context(), groupID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) findMembers(w http.ResponseWriter, r *http.Request) error {
	nik := strings.TrimSpace(r.URL.Query().Get("nik"))
	if _, ferr := tkm.ParseNIK(nik, a.Regions); ferr != nil {
		return &tkm.Error{Code: tkm.EMALFORMED, Message: ferr.Message, English: ferr.English, Fields: []tkm.FieldError{*ferr}}
	}
	ms, err := a.Members.FindMembersByNIK(r.Context(), nik)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, memberList{Items: ms})
}
