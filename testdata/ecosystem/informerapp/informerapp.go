// Package informerapp is a Kubernetes controller's informer wiring with no // want package:`fieldcalls\(k8s.io/client-go/tools/cache.FilteringResourceEventHandler.FilterFunc by cache.FilteringResourceEventHandler.OnAdd, `
// blockcheck annotation: the client-go profile makes its event handlers
// roots.
package informerapp

import (
	"time"

	"k8s.io/client-go/tools/cache"

	"example.com/ecosystem/store"
)

type controller struct {
	queue chan string
}

// Register adds the controller's handlers to a shared informer.
func Register(inf cache.SharedInformer, c *controller) error {
	_, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			store.Save("added", nil) // want `Register.func1 \(registered as cache.ResourceEventHandlerFuncs.AddFunc\) must not block: store.Save may block \[file\].*; runs on client-go's informer handler goroutine \(per-handler dispatcher\)$`
		},
		UpdateFunc: c.onUpdate,
		DeleteFunc: func(obj interface{}) {
			go store.Save("deleted", nil) // a goroutine of its own: not reported
		},
	})
	if err != nil {
		return err
	}
	_, err = inf.AddEventHandler(cache.FilteringResourceEventHandler{
		FilterFunc: func(obj interface{}) bool {
			c.queue <- "filtered" // want `Register.func3 \(registered as cache.FilteringResourceEventHandler.FilterFunc\) must not block: channel send may block \[chan\]`
			return true
		},
		Handler: handler{},
	})
	return err
}

func (c *controller) onUpdate(oldObj, newObj interface{}) {
	c.resync() // want `\(\*controller\).onUpdate \(registered as cache.ResourceEventHandlerFuncs.UpdateFunc\) must not block: c.resync may block \[sleep\]`
}

func (c *controller) resync() { time.Sleep(time.Millisecond) }

// handler implements the interface: each of its methods is a root.
type handler struct{}

func (handler) OnAdd(obj interface{}, isInInitialList bool) {
	store.Save("add", nil) // want `handler.OnAdd must not block: store.Save may block \[file\]`
}

func (handler) OnUpdate(oldObj, newObj interface{}) {}

func (handler) OnDelete(obj interface{}) {}
