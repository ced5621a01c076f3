// Package jwtio builds jwt.io's debugger, a Next.js application, from a
// copy of its source and serves it with `next start`, so that the
// front-end benchmark can measure it beside Authlab in the same run.
//
// The source is a git repository, bare (a mirror) or with a work tree;
// its HEAD is built. The build needs the npm registry and nothing else:
// the Google fonts it would fetch are replaced by fonts of its own
// repository (PatchFonts).
package jwtio

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoSource is returned when the source path is not a git repository.
var ErrNoSource = errors.New("jwt.io source is not a git repository")

// Build returns a folder under cache with jwt.io's HEAD in src built for
// `next start`, building it first unless an earlier build of the same
// commit is there. Progress goes to logw.
func Build(ctx context.Context, src, cache string, logw io.Writer) (dir, commit string, err error) {
	git := func(args ...string) *exec.Cmd {
		return exec.CommandContext(ctx, "git", append([]string{"-C", src}, args...)...)
	}
	out, err := git("rev-parse", "HEAD").Output()
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrNoSource, src, err)
	}
	commit = strings.TrimSpace(string(out))
	dir = filepath.Join(cache, commit)
	if _, err := os.Stat(filepath.Join(dir, ".next", "BUILD_ID")); err == nil {
		return dir, commit, nil
	}
	stage := dir + ".building"
	if err := os.RemoveAll(stage); err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return "", "", err
	}
	fmt.Fprintf(logw, "jwt.io: building %s from %s in %s\n", commit[:12], src, stage)
	if err := extract(ctx, src, stage, logw); err != nil {
		return "", "", err
	}
	fonts := filepath.Join(stage, fontsFile)
	b, err := os.ReadFile(fonts)
	if err != nil {
		return "", "", err
	}
	patched, err := PatchFonts(string(b))
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(fonts, []byte(patched), 0o644); err != nil {
		return "", "", err
	}
	for _, step := range [][]string{
		{"npm", "ci", "--no-audit", "--no-fund"},
		{filepath.Join("node_modules", ".bin", "next"), "build"},
	} {
		cmd := exec.CommandContext(ctx, step[0], step[1:]...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = stage, logw, logw
		cmd.Env = append(os.Environ(), "NEXT_TELEMETRY_DISABLED=1")
		if err := cmd.Run(); err != nil {
			return "", "", fmt.Errorf("jwt.io: %s: %w", strings.Join(step, " "), err)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", "", err
	}
	return dir, commit, os.Rename(stage, dir)
}

// extract writes the files of HEAD into dir. A mirror may lack the
// contents of some files (large binaries it was cloned without); those
// are left out and named in the log. Of jwt.io's, only the Japanese
// fonts and an unused image are such, and no English page loads them.
func extract(ctx context.Context, src, dir string, logw io.Writer) error {
	list := exec.CommandContext(ctx, "git", "-C", src, "ls-tree", "-r", "-z", "--format=%(objectname) %(path)", "HEAD")
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("jwt.io: git ls-tree: %w", err)
	}
	var ids, paths []string
	for _, entry := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		id, path, ok := strings.Cut(entry, " ")
		if ok {
			ids, paths = append(ids, id), append(paths, path)
		}
	}
	check := exec.CommandContext(ctx, "git", "-C", src, "cat-file", "--batch-check=%(objecttype)")
	check.Stdin = strings.NewReader(strings.Join(ids, "\n") + "\n")
	types, err := check.Output()
	if err != nil {
		return fmt.Errorf("jwt.io: git cat-file: %w", err)
	}
	var present []string
	sc := bufio.NewScanner(bytes.NewReader(types))
	for i := 0; sc.Scan() && i < len(paths); i++ {
		if strings.HasSuffix(sc.Text(), "missing") {
			fmt.Fprintf(logw, "jwt.io: %s is not in the repository; left out\n", paths[i])
			continue
		}
		present = append(present, paths[i])
	}
	archive := exec.CommandContext(ctx, "git", "-C", src, "archive", "--format=tar", "HEAD", "--")
	archive.Args = append(archive.Args, present...)
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	var stderr bytes.Buffer
	archive.Stderr, untar.Stderr = &stderr, &stderr
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		untar.Wait()
		return fmt.Errorf("jwt.io: git archive: %w: %s", err, stderr.String())
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("jwt.io: tar: %w: %s", err, stderr.String())
	}
	return nil
}
