// Package plugin registers blockcheck as a golangci-lint module plugin
// named "blockcheck". Build a golangci-lint with it (see
// .golangci-plugin/README.md) and enable it:
//
//	linters:
//	  enable: [blockcheck]
//	  settings:
//	    custom:
//	      blockcheck:
//	        type: module
//	        settings:
//	          categories: ["+lock"]
//
// The settings are those of .blockcheck.yml, decoded strictly: an unknown
// key or a value of the wrong type is an error, never a silent default.
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/config"
)

func init() {
	register.Plugin(analyzer.Name, New)
}

// Plugin is blockcheck configured from golangci-lint settings.
type Plugin struct {
	cfg config.Config
}

// New decodes and validates the settings.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[config.Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("blockcheck: %w", err)
	}
	cfg := config.Default()
	if err := s.ApplyTo(&cfg, func(string, int) string { return "blockcheck settings" }); err != nil {
		return nil, err
	}
	return &Plugin{cfg: cfg}, nil
}

// Config returns the configuration the settings resolved to.
func (p *Plugin) Config() config.Config { return p.cfg }

// BuildAnalyzers returns blockcheck for the settings.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.NewForNolintDriver(p.cfg)}, nil
}

// GetLoadMode asks for type information: facts need it.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
