package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// defaultMinFreeMB is the least free space, in MB, the SQLite data
// directory must have for tkm to start ($TKM_MIN_FREE_MB).
const defaultMinFreeMB = 64

// checkDataDir fails fast, with one clear message, when the data
// directory cannot take writes: read-only, full, or short of minFreeMB.
func checkDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data directory %s: %w", dir, err)
	}
	if err := probeWrite(dir); err != nil {
		return err
	}
	return checkFreeSpace(dir)
}

// probeWrite writes, syncs and removes a small file: a read-only
// directory or a full disk shows here, not in the middle of a request.
func probeWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".tkm-probe-*")
	if err != nil {
		return dataDirError(dir, err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 64<<10))
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return dataDirError(dir, err)
	}
	return nil
}

func dataDirError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return fmt.Errorf("data directory %s is read-only: tkm must write there (%w)", dir, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("data directory %s is full: free some space (%w)", dir, err)
	}
	return fmt.Errorf("data directory %s: cannot write: %w", dir, err)
}

// checkFreeSpace refuses to start with less than $TKM_MIN_FREE_MB free.
func checkFreeSpace(dir string) error {
	need, err := strconv.ParseUint(env("TKM_MIN_FREE_MB", strconv.Itoa(defaultMinFreeMB)), 10, 64)
	if err != nil {
		return fmt.Errorf("TKM_MIN_FREE_MB: want a number of megabytes: %w", err)
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return fmt.Errorf("data directory %s: free space: %w", dir, err)
	}
	if free := uint64(st.Bavail) * uint64(st.Bsize) >> 20; free < need {
		return fmt.Errorf("data directory %s is nearly full: %d MB free, tkm needs at least %d MB (TKM_MIN_FREE_MB)", dir, free, need)
	}
	return nil
}
