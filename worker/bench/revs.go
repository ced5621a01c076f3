package main

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// revVariant is a variant for the worker and its glue as they were at a
// git revision, so that one run can measure what a change moved: its
// name is go-glue@<short hash>.
func revVariant(cfg *config, rev string) (variant, error) {
	out, err := gitOutput(cfg, "log", "-1", "--format=%h %s", rev)
	if err != nil {
		return variant{}, fmt.Errorf("revision %q: %w", rev, err)
	}
	short, subject, _ := strings.Cut(out, " ")
	// Name the change by the last commit up to rev that changed what the
	// worker is built from, not by a commit that touched only docs, pages
	// or this harness.
	if src, err := gitOutput(cfg, append([]string{"log", "-1", "--format=%h %s", rev, "--"}, workerSources...)...); err == nil && src != "" {
		_, subject, _ = strings.Cut(src, " ")
	}
	if len(subject) > 90 {
		subject = subject[:90] + "…"
	}
	return variant{name: "go-glue@" + short, what: "the worker and its glue at " + short + ": " + subject, rev: short, subject: subject}, nil
}

// workerSources are the pathspecs of what the worker's app.wasm and glue
// are built from.
var workerSources = []string{"app", ":!app/ui", "worker", ":!worker/bench", ":!worker/e2e", ":!worker/budget", ":!*_test.go", "go.mod"}

func gitOutput(cfg *config, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = cfg.root
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), bytes.TrimSpace(ee.Stderr))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// stageRev extracts rev's tree with git archive into <build>/src-<rev>,
// builds its worker there and copies app.wasm and its glue into vdir: the
// modules of worker/glue, or for go-syumai the worker.mjs that the
// revision's syumai/workers generates.
func stageRev(ctx context.Context, cfg *config, v variant, vdir, gen string) error {
	src := filepath.Join(cfg.build(), "src-"+v.rev)
	if err := os.RemoveAll(src); err != nil {
		return err
	}
	log.Printf("%s: building the worker at %s", v.name, v.rev)
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", v.rev)
	cmd.Dir = cfg.root
	archive, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git archive %s: %w", v.rev, err)
	}
	if err := untar(bytes.NewReader(archive), src); err != nil {
		return err
	}
	if err := command(ctx, src, []string{"GOOS=js", "GOARCH=wasm"},
		"go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(vdir, "app.wasm"), "./worker"); err != nil {
		return err
	}
	copies, err := glueFiles(src)
	if err != nil {
		return err
	}
	if v.syumai {
		gen = filepath.Join(src, ".gen")
		if err := command(ctx, src, nil, "go", "run", "github.com/syumai/workers/cmd/workers-assets-gen", "-mode=go", "-o", gen); err != nil {
			return err
		}
		copies = map[string]string{"worker.mjs": filepath.Join(gen, "worker.mjs")}
	}
	copies["wasm_exec.js"] = filepath.Join(gen, "wasm_exec.js")
	copies["runtime.mjs"] = filepath.Join(gen, "runtime.mjs")
	for dst, from := range copies {
		if err := copyFile(from, filepath.Join(vdir, dst)); err != nil {
			return err
		}
	}
	return os.RemoveAll(src)
}

// glueFiles lists the JavaScript modules of the glue in the tree at root,
// worker/glue/*.mjs, by file name.
func glueFiles(root string) (map[string]string, error) {
	paths, err := filepath.Glob(filepath.Join(root, "worker", "glue", "*.mjs"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no worker/glue/*.mjs", root)
	}
	files := map[string]string{}
	for _, p := range paths {
		files[filepath.Base(p)] = p
	}
	return files, nil
}

// untar writes the regular files and directories of a tar stream under
// dir, refusing paths that leave it.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(h.Name)
		if name == ".." || strings.HasPrefix(name, "../") || filepath.IsAbs(name) {
			return fmt.Errorf("archive path %q leaves the directory", h.Name)
		}
		path := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			if _, err := io.Copy(f, tr); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
	}
}
