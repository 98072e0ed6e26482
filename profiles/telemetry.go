package profiles

// OpenTelemetry's span processors have no loop of their own: they run
// synchronously inside every Start and End, under a documented contract
// not to block, and every instrumented call waits for them.

var otelTrace = Profile{
	Name:   "otel",
	Path:   "go.opentelemetry.io/otel/sdk/trace",
	Module: "go.opentelemetry.io/otel/sdk@v1.47.0",
	Loops: []Loop{{
		Name:     "span start and end",
		Where:    "every registered processor runs inline in Tracer.Start (tracer.go:66-71) and Span.End (span.go:468-475), on the instrumented code's goroutine; documented: OnStart \"is called synchronously and should not block\", OnEnd \"is called synchronously and hence not block\" (span_processor.go:19-27)",
		Severity: CallerLatency,
		Roots: []Root{
			{Kind: InterfaceMethod, Type: "SpanProcessor", Member: "OnStart", Where: "called by Tracer.Start for every recording span (tracer.go:70)"},
			{Kind: InterfaceMethod, Type: "SpanProcessor", Member: "OnEnd", Where: "called by Span.End for every ended span (span.go:474)"},
		},
	}},
	NotRoots: []NotRoot{
		{Type: "SpanProcessor", Member: "Shutdown", Where: "called at shutdown, with a context whose deadline it must honour (span_processor.go:31-39)"},
		{Type: "SpanProcessor", Member: "ForceFlush", Where: "called on demand, with a context (span_processor.go:43-47)"},
		{Type: "SpanExporter", Member: "ExportSpans", Where: "called by the batch span processor on its own goroutine (batch_span_processor.go:303); an exporter given to WithSyncer runs inside the SDK's own OnEnd instead (simple_span_processor.go:80)"},
	},
}
