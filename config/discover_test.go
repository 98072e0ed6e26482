package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree makes the files (relative paths; a name ending in / is a
// directory) under a new temporary directory and returns it.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if f[len(f)-1] == '/' {
			require.NoError(t, os.MkdirAll(p, 0o755))
			continue
		}
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("categories: [+lock]\n"), 0o644))
	}
	return root
}

func TestFind(t *testing.T) {
	t.Run("nearest parent", func(t *testing.T) {
		root := tree(t, "repo/.git/", "repo/.blockcheck.yml", "repo/mod/go.mod", "repo/mod/pkg/sub/")
		got, err := Find(filepath.Join(root, "repo/mod/pkg/sub"))
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(root, "repo/.blockcheck.yml"), got)
	})
	t.Run("nearer wins", func(t *testing.T) {
		root := tree(t, "repo/.git/", "repo/.blockcheck.yml", "repo/mod/.blockcheck.yaml", "repo/mod/go.mod", "repo/mod/pkg/")
		got, err := Find(filepath.Join(root, "repo/mod/pkg"))
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(root, "repo/mod/.blockcheck.yaml"), got)
	})
	t.Run("not above the repository root", func(t *testing.T) {
		root := tree(t, ".blockcheck.yml", "repo/.git/", "repo/go.mod", "repo/pkg/")
		got, err := Find(filepath.Join(root, "repo/pkg"))
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("not above the module root outside a repository", func(t *testing.T) {
		root := tree(t, ".blockcheck.yml", "mod/go.mod", "mod/pkg/")
		got, err := Find(filepath.Join(root, "mod/pkg"))
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("a directory of that name is no file", func(t *testing.T) {
		root := tree(t, "mod/go.mod", "mod/.blockcheck.yml/")
		got, err := Find(filepath.Join(root, "mod"))
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("two names in one directory", func(t *testing.T) {
		root := tree(t, "mod/go.mod", "mod/.blockcheck.yml", "mod/.blockcheck.yaml")
		_, err := Find(filepath.Join(root, "mod"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "two configuration files")
	})
}

func TestHash(t *testing.T) {
	root := tree(t, "a.yml")
	p := filepath.Join(root, "a.yml")
	h1, err := Hash(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, []byte("categories: [+sync]\n"), 0o644))
	h2, err := Hash(p)
	require.NoError(t, err)
	assert.NotEqual(t, h1, h2)
	assert.Len(t, h1, 64)
	_, err = Hash(filepath.Join(root, "missing.yml"))
	assert.Error(t, err)
}
