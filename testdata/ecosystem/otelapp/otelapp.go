// Package otelapp is a span processor with no blockcheck annotation: the
// otel profile makes its OnStart and OnEnd roots, since every instrumented
// call waits for them.
package otelapp

import (
	"context"
	"net"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"example.com/ecosystem/store"
)

type processor struct {
	collector string
}

func (p *processor) OnStart(parent context.Context, s sdktrace.ReadWriteSpan) {
	p.report(s.Name()) // want `\(\*processor\).OnStart must not block: p.report may block \[net\]: \(\*processor\).report → net.Dial; runs on otel's span start and end \(caller-latency contract\)$`
}

func (p *processor) report(name string) {
	c, err := net.Dial("tcp", p.collector)
	if err == nil {
		c.Close()
	}
}

func (p *processor) OnEnd(s sdktrace.ReadOnlySpan) {
	go store.Save(s.Name(), nil) // a goroutine of its own: not reported
	store.Save("ended", nil)     // want `\(\*processor\).OnEnd must not block: store.Save may block \[file\]`
}

func (p *processor) Shutdown(ctx context.Context) error { return nil }

func (p *processor) ForceFlush(ctx context.Context) error { return nil }

// Provider registers the processor.
func Provider() *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(&processor{collector: "localhost:4317"}))
}
