// nestcheck vcsim launcher: a vCenter simulator (govmomi vcsim 0.24.2, Debian package
// golang-github-vmware-govmomi-dev) prepared for the sdk-vsphere integration tests.
//
// Build: ./build.sh OUTPUT_BINARY (GOPATH mode, no network). See README.md for the
// inventory contract (VM naming, hosts, port groups) and the /nestcheck/* control API.
//
// stdout carries exactly one line of JSON: {"url":...,"cert":...,"sha256":...}.
// Everything else (logs, timings) goes to stderr.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	stdxml "encoding/xml"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
	"github.com/vmware/govmomi/vim25/xml"
)

// ---------------------------------------------------------------------------
// Inventory contract (keep in sync with README.md)
// ---------------------------------------------------------------------------

const (
	standaloneHost = "DC0_H0" // the host WITHOUT nested HV support
	clusterName    = "DC0_C0"
	vcsimDVPG      = "DC0_DVPG0" // created by the vcsim model, no securityPolicy
	evcCurrent     = "intel-skylake"
	evcMaxCluster  = "intel-cascadelake"
	evcMaxSA       = "intel-broadwell"
	latestHW       = 20 // UpgradeVM_Task without a version upgrades to vmx-20
	cvLayout       = "2006-01-02T15:04:05.000000Z"
	sessionCookie  = soap.SessionCookieName // "vmware_soap_session"
)

var (
	// config.changeVersion of VM index i at start: cvInitBase + i seconds.
	cvInitBase = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	// every bump n (global counter, 1-based) yields cvBumpBase + n microseconds.
	cvBumpBase = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cvSeq      int64
)

var guestIDs = map[string]string{
	"esxi8":   "vmkernel8Guest",
	"esxi7":   "vmkernel7Guest",
	"linux":   "otherLinux64Guest",
	"win2019": "windows2019srv_64Guest",
}

// Value lists of the generated rows (index >= len(showcase)); attribute k picks
// list_k[splitmix64((seed<<32) + (i<<4) + k) mod len(list_k)].
var (
	genGuest = []string{"esxi8", "esxi7", "linux", "win2019"} // k=0
	genHV    = []string{"hv1", "hv0", "hvna"}                 // k=1
	genCPU   = []int{1, 2, 4}                                 // k=2
	genMem   = []int{4096, 8192, 16384}                       // k=3
	genNIC   = []string{"e1000", "vmxnet3"}                   // k=4
	genFW    = []string{"bios", "efi"}                        // k=5
	genHW    = []int{13, 19, 20}                              // k=6
	genLK    = []string{"lk0", "lk1"}                         // k=7
	// k=8: net from ["vmnet", "pg00".."pg<K-1>", "pgdef"]
	genHost = []string{"c0", "c1", "c2", "sa"} // k=9
)

// Port group security cycle for nc-dvpg-NN: NN%3.
var pgPolicies = []string{"open", "reject", "forged"}

type row struct {
	Index       int    `json:"index"`
	Name        string `json:"name"`
	Moref       string `json:"moref"`
	Guest       string `json:"guest"`
	GuestID     string `json:"guestId"`
	HV          string `json:"hv"`
	NestedHV    *bool  `json:"nestedHVEnabled"`
	CPU         int    `json:"numCpu"`
	MemoryMB    int    `json:"memoryMB"`
	NIC         string `json:"nic"`
	Firmware    string `json:"firmware"`
	HW          int    `json:"-"`
	Version     string `json:"version"`
	LK          string `json:"lk"`
	LockedToMax bool   `json:"memoryReservationLockedToMax"`
	ReserveMB   int    `json:"memoryReservationMB"`
	Net         string `json:"net"`
	NetworkName string `json:"network"`
	Host        string `json:"host"`
	HostName    string `json:"hostName"`
	Template    bool   `json:"template"`
	Disconn     bool   `json:"disconnected"`
	PowerOn     bool   `json:"-"`
	Power       string `json:"initialPowerState"`
	VMCapHV     bool   `json:"vmCapabilityNestedHVSupported"`
}

// showcase rows 0..11: fixed, independent of -seed.
var showcase = []row{
	{Guest: "esxi8", HV: "hv1", CPU: 4, MemoryMB: 16384, NIC: "vmxnet3", Firmware: "efi", HW: 20, LK: "lk1", Net: "pg00", Host: "c0"},
	{Guest: "esxi8", HV: "hv0", CPU: 2, MemoryMB: 8192, NIC: "e1000", Firmware: "bios", HW: 13, LK: "lk0", Net: "vmnet", Host: "c1"},
	{Guest: "esxi7", HV: "hvna", CPU: 2, MemoryMB: 8192, NIC: "vmxnet3", Firmware: "efi", HW: 19, LK: "lk0", Net: "pg01", Host: "c2"},
	{Guest: "esxi8", HV: "hv1", CPU: 2, MemoryMB: 8192, NIC: "vmxnet3", Firmware: "efi", HW: 19, LK: "lk0", Net: "pg00", Host: "c0"}, // disconnected
	{Guest: "esxi8", HV: "hv1", CPU: 4, MemoryMB: 16384, NIC: "vmxnet3", Firmware: "efi", HW: 20, LK: "lk1", Net: "pg00", Host: "sa"},
	{Guest: "linux", HV: "hv0", CPU: 1, MemoryMB: 4096, NIC: "vmxnet3", Firmware: "bios", HW: 13, LK: "lk0", Net: "vmnet", Host: "c1"},
	{Guest: "win2019", HV: "hvna", CPU: 2, MemoryMB: 8192, NIC: "e1000", Firmware: "efi", HW: 19, LK: "lk0", Net: "pg01", Host: "c2"},
	{Guest: "esxi8", HV: "hv1", CPU: 2, MemoryMB: 8192, NIC: "vmxnet3", Firmware: "efi", HW: 19, LK: "lk0", Net: "pg00", Host: "c0"}, // template
	{Guest: "esxi7", HV: "hv1", CPU: 2, MemoryMB: 4096, NIC: "e1000", Firmware: "bios", HW: 13, LK: "lk0", Net: "vmnet", Host: "c1"},
	{Guest: "linux", HV: "hv1", CPU: 4, MemoryMB: 8192, NIC: "vmxnet3", Firmware: "efi", HW: 20, LK: "lk0", Net: "pgdef", Host: "c2"},
	{Guest: "esxi8", HV: "hv1", CPU: 1, MemoryMB: 8192, NIC: "vmxnet3", Firmware: "bios", HW: 8, LK: "lk0", Net: "pg00", Host: "c1"},
	{Guest: "win2019", HV: "hv1", CPU: 2, MemoryMB: 16384, NIC: "vmxnet3", Firmware: "efi", HW: 20, LK: "lk1", Net: "pg01", Host: "c0"},
}

func splitmix64(x uint64) uint64 {
	z := x + 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func pick(seed int64, i, k, n int) int {
	x := (uint64(seed) << 32) + (uint64(i) << 4) + uint64(k)
	return int(splitmix64(x) % uint64(n))
}

func hostName(code string) string {
	if code == "sa" {
		return standaloneHost
	}
	return clusterName + "_H" + strings.TrimPrefix(code, "c")
}

func pgName(p int) string { return fmt.Sprintf("nc-dvpg-%02d-%s", p, pgPolicies[p%3]) }

func netName(code string) string {
	switch {
	case code == "vmnet":
		return "VM Network"
	case code == "pgdef":
		return vcsimDVPG
	default:
		p, _ := strconv.Atoi(strings.TrimPrefix(code, "pg"))
		return pgName(p)
	}
}

// planRow computes the configuration of VM index i (the documented contract).
func planRow(i int, seed int64, k int) row {
	var r row
	if i < len(showcase) {
		r = showcase[i]
	} else {
		r.Guest = genGuest[pick(seed, i, 0, len(genGuest))]
		r.HV = genHV[pick(seed, i, 1, len(genHV))]
		r.CPU = genCPU[pick(seed, i, 2, len(genCPU))]
		r.MemoryMB = genMem[pick(seed, i, 3, len(genMem))]
		r.NIC = genNIC[pick(seed, i, 4, len(genNIC))]
		r.Firmware = genFW[pick(seed, i, 5, len(genFW))]
		r.HW = genHW[pick(seed, i, 6, len(genHW))]
		r.LK = genLK[pick(seed, i, 7, len(genLK))]
		n := pick(seed, i, 8, k+2)
		switch {
		case n == 0:
			r.Net = "vmnet"
		case n == k+1:
			r.Net = "pgdef"
		default:
			r.Net = fmt.Sprintf("pg%02d", n-1)
		}
		r.Host = genHost[pick(seed, i, 9, len(genHost))]
	}
	r.Index = i
	r.Template = i%50 == 7
	r.Disconn = i == 3
	r.PowerOn = !(r.Template || i%10 == 6 || i%10 == 8)
	r.Power = string(types.VirtualMachinePowerStatePoweredOff)
	if r.PowerOn {
		r.Power = string(types.VirtualMachinePowerStatePoweredOn)
	}
	r.GuestID = guestIDs[r.Guest]
	switch r.HV {
	case "hv1":
		r.NestedHV = types.NewBool(true)
	case "hv0":
		r.NestedHV = types.NewBool(false)
	}
	r.Version = fmt.Sprintf("vmx-%02d", r.HW)
	if r.LK == "lk1" {
		r.LockedToMax = true
		r.ReserveMB = r.MemoryMB
	}
	r.NetworkName = netName(r.Net)
	r.HostName = hostName(r.Host)
	r.VMCapHV = r.Host != "sa" && r.HW >= 9
	r.Name = fmt.Sprintf("nc-%04d-%s-%s-cpu%d-mem%d-%s-%s-vmx%02d-%s-%s-%s",
		i, r.Guest, r.HV, r.CPU, r.MemoryMB, r.NIC, r.Firmware, r.HW, r.LK, r.Net, r.Host)
	if r.Template {
		r.Name += "-tmpl"
	}
	if r.Disconn {
		r.Name += "-disc"
	}
	return r
}

// ---------------------------------------------------------------------------
// Test-control state
// ---------------------------------------------------------------------------

type injection struct {
	Fault string `json:"fault"`
	Left  int    `json:"remaining"`
}

var (
	ctlMu       sync.Mutex
	vmFaults    = map[string]map[string]*injection{} // vm name -> SOAP method -> injection
	soapFaults  = map[string]*injection{}            // SOAP method -> injection (any object)
	pendingBump = map[string]int{}                   // vm name -> next N ReconfigVM_Task calls see a concurrent edit
	callCounts  = map[string]int64{}
	actionCount = map[string]int64{} // "method SOAPAction" -> count: which API version each call asked for
	callTotal   int64
	liveSess    = map[string]bool{} // session cookies issued and not terminated/logged out

	strictAuth  = true
	strictPower = true
	strictVM    = true

	vmByName = map[string]types.ManagedObjectReference{}
	rows     []row
	hostHV   = map[string]bool{} // host moref value -> nested HV supported
)

var vmTaskMethods = map[string]bool{
	"ReconfigVM_Task": true, "UpgradeVM_Task": true, "PowerOffVM_Task": true, "PowerOnVM_Task": true,
}

func normMethod(m string) string {
	if strings.HasSuffix(m, "Task") && !strings.HasSuffix(m, "_Task") {
		return strings.TrimSuffix(m, "Task") + "_Task"
	}
	return m
}

func takeInjection(inj *injection, del func()) string {
	if inj == nil {
		return ""
	}
	inj.Left--
	if inj.Left <= 0 {
		del()
	}
	return inj.Fault
}

func takeVMFault(vm, method string) types.BaseMethodFault {
	ctlMu.Lock()
	defer ctlMu.Unlock()
	m := vmFaults[vm]
	if m == nil {
		return nil
	}
	name := takeInjection(m[method], func() { delete(m, method) })
	if name == "" {
		return nil
	}
	f, _ := newFault(name, nil)
	return f
}

func takePendingBump(vm string) bool {
	ctlMu.Lock()
	defer ctlMu.Unlock()
	if pendingBump[vm] > 0 {
		pendingBump[vm]--
		if pendingBump[vm] == 0 {
			delete(pendingBump, vm)
		}
		return true
	}
	return false
}

// newFault builds an injectable fault by name.
func newFault(name string, vm *StrictVM) (types.BaseMethodFault, error) {
	switch name {
	case "", "SystemError":
		return &types.SystemError{Reason: "nestcheck: injected fault"}, nil
	case "ConcurrentAccess":
		return &types.ConcurrentAccess{}, nil
	case "InvalidPowerState":
		f := &types.InvalidPowerState{RequestedState: types.VirtualMachinePowerStatePoweredOff,
			ExistingState: types.VirtualMachinePowerStatePoweredOn}
		if vm != nil {
			f.ExistingState = vm.Runtime.PowerState
		}
		return f, nil
	case "InvalidState":
		return &types.InvalidState{}, nil
	case "NotSupported":
		return &types.NotSupported{}, nil
	case "NotAuthenticated":
		return &types.NotAuthenticated{NoPermission: types.NoPermission{
			Object: types.ManagedObjectReference{Type: "ServiceInstance", Value: "ServiceInstance"}, PrivilegeId: "System.View"}}, nil
	case "InvalidArgument":
		return &types.InvalidArgument{}, nil
	case "GenericVmConfigFault":
		return &types.GenericVmConfigFault{Reason: "nestcheck: injected fault"}, nil
	}
	return nil, fmt.Errorf("unknown fault %q (known: SystemError, ConcurrentAccess, InvalidPowerState, InvalidState, NotSupported, NotAuthenticated, InvalidArgument, GenericVmConfigFault)", name)
}

func nextChangeVersion() string {
	n := atomic.AddInt64(&cvSeq, 1)
	return cvBumpBase.Add(time.Duration(n) * time.Microsecond).Format(cvLayout)
}

// ---------------------------------------------------------------------------
// StrictVM: value-embedded wrapper (pointer embedding panics in getManagedObject)
// ---------------------------------------------------------------------------

type StrictVM struct {
	simulator.VirtualMachine
}

// bumpObj sets a new config.changeVersion; call it with the VM locked
// (inside a SOAP call or simulator.Map.WithLock).
func bumpObj(obj mo.Reference) string {
	v := nextChangeVersion()
	simulator.Map.Update(obj, []types.PropertyChange{
		{Name: "config.changeVersion", Val: v},
		{Name: "config.modified", Val: time.Now()},
	})
	return v
}

func (vm *StrictVM) bump() string { return bumpObj(vm) }

func failedTask(vm *StrictVM, name string, fault types.BaseMethodFault) types.ManagedObjectReference {
	t := simulator.CreateTask(vm, name, func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		return nil, fault
	})
	return t.Run()
}

func taskSucceeded(ref types.ManagedObjectReference) bool {
	t, ok := simulator.Map.Get(ref).(*simulator.Task)
	return ok && t.Info.State == types.TaskInfoStateSuccess
}

func (vm *StrictVM) ReconfigVMTask(ctx *simulator.Context, req *types.ReconfigVM_Task) soap.HasFault {
	fail := func(f types.BaseMethodFault) soap.HasFault {
		return &methods.ReconfigVM_TaskBody{Res: &types.ReconfigVM_TaskResponse{Returnval: failedTask(vm, "reconfigVm", f)}}
	}
	if f := takeVMFault(vm.Name, "ReconfigVM_Task"); f != nil {
		return fail(f)
	}
	if takePendingBump(vm.Name) {
		vm.bump() // a concurrent edit landed just before this call
	}
	if cv := req.Spec.ChangeVersion; cv != "" && cv != vm.Config.ChangeVersion {
		return fail(&types.ConcurrentAccess{})
	}
	req.Spec.ChangeVersion = "" // vcsim compares the whole spec for templates
	res := vm.VirtualMachine.ReconfigVMTask(ctx, req)
	if body, ok := res.(*methods.ReconfigVM_TaskBody); ok && body.Res != nil && taskSucceeded(body.Res.Returnval) {
		vm.bump()
	}
	return res
}

func parseHW(v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(v, "vmx-"))
	return n, err == nil && n > 0
}

func (vm *StrictVM) UpgradeVMTask(ctx *simulator.Context, req *types.UpgradeVM_Task) soap.HasFault {
	fail := func(f types.BaseMethodFault) soap.HasFault {
		return &methods.UpgradeVM_TaskBody{Res: &types.UpgradeVM_TaskResponse{Returnval: failedTask(vm, "upgradeVm", f)}}
	}
	if f := takeVMFault(vm.Name, "UpgradeVM_Task"); f != nil {
		return fail(f)
	}
	if strictPower && vm.Runtime.PowerState != types.VirtualMachinePowerStatePoweredOff {
		return fail(&types.InvalidPowerState{RequestedState: types.VirtualMachinePowerStatePoweredOff, ExistingState: vm.Runtime.PowerState})
	}
	target := latestHW
	if req.Version != "" {
		n, ok := parseHW(req.Version)
		if !ok {
			return fail(&types.InvalidArgument{InvalidProperty: "version"})
		}
		target = n
	}
	cur, _ := parseHW(vm.Config.Version)
	if target <= cur {
		return fail(&types.AlreadyUpgraded{})
	}
	t := simulator.CreateTask(vm, "upgradeVm", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		simulator.Map.Update(vm, []types.PropertyChange{{Name: "config.version", Val: fmt.Sprintf("vmx-%02d", target)}})
		if vm.Runtime.Host != nil && target >= 9 {
			// Map.Update cannot assign *bool fields; the VM is locked here.
			vm.Capability.NestedHVSupported = types.NewBool(hostHV[vm.Runtime.Host.Value])
		}
		vm.bump()
		return nil, nil
	})
	return &methods.UpgradeVM_TaskBody{Res: &types.UpgradeVM_TaskResponse{Returnval: t.Run()}}
}

func (vm *StrictVM) PowerOffVMTask(ctx *simulator.Context, req *types.PowerOffVM_Task) soap.HasFault {
	if f := takeVMFault(vm.Name, "PowerOffVM_Task"); f != nil {
		return &methods.PowerOffVM_TaskBody{Res: &types.PowerOffVM_TaskResponse{Returnval: failedTask(vm, "powerOff", f)}}
	}
	return vm.VirtualMachine.PowerOffVMTask(ctx, req)
}

func (vm *StrictVM) PowerOnVMTask(ctx *simulator.Context, req *types.PowerOnVM_Task) soap.HasFault {
	if f := takeVMFault(vm.Name, "PowerOnVM_Task"); f != nil {
		return &methods.PowerOnVM_TaskBody{Res: &types.PowerOnVM_TaskResponse{Returnval: failedTask(vm, "powerOn", f)}}
	}
	return vm.VirtualMachine.PowerOnVMTask(ctx, req)
}

// ---------------------------------------------------------------------------
// NetSys: value-embedded HostNetworkSystem wrapper adding UpdatePortGroup,
// which vcsim 0.24.2 lacks (the adapter changes standard port-group security
// with it). It edits host config.network.portgroup (what the adapter reads):
// spec := the request's spec, computedPolicy.security := spec.policy.security
// over the vSwitch's spec.policy.security (a nil field inherits).
// ---------------------------------------------------------------------------

type NetSys struct {
	simulator.HostNetworkSystem
}

func inherit(own, sw *bool) *bool {
	if own != nil {
		v := *own
		return &v
	}
	if sw != nil {
		v := *sw
		return &v
	}
	return nil
}

func (s *NetSys) UpdatePortGroup(ctx *simulator.Context, req *types.UpdatePortGroup) soap.HasFault {
	body := &methods.UpdatePortGroupBody{}
	host := s.Host
	if host == nil || host.Config == nil || host.Config.Network == nil {
		body.Fault_ = simulator.Fault("", &types.NotFound{})
		return body
	}
	if req.Portgrp.Name == "" {
		body.Fault_ = simulator.Fault("", &types.InvalidArgument{InvalidProperty: "portgrp.name"})
		return body
	}
	found := false
	simulator.Map.WithLock(host, func() {
		network := host.Config.Network
		for i := range network.Portgroup {
			pg := &network.Portgroup[i]
			if pg.Spec.Name != req.PgName {
				continue
			}
			found = true
			pg.Spec = req.Portgrp
			var sw *types.HostNetworkSecurityPolicy
			for _, vs := range network.Vswitch {
				if vs.Key == pg.Vswitch && vs.Spec.Policy != nil {
					sw = vs.Spec.Policy.Security
				}
			}
			own := req.Portgrp.Policy.Security
			if own == nil {
				own = &types.HostNetworkSecurityPolicy{}
			}
			if sw == nil {
				sw = &types.HostNetworkSecurityPolicy{}
			}
			pg.ComputedPolicy.Security = &types.HostNetworkSecurityPolicy{
				AllowPromiscuous: inherit(own.AllowPromiscuous, sw.AllowPromiscuous),
				MacChanges:       inherit(own.MacChanges, sw.MacChanges),
				ForgedTransmits:  inherit(own.ForgedTransmits, sw.ForgedTransmits),
			}
		}
	})
	if s.NetworkInfo != nil {
		for i := range s.NetworkInfo.Portgroup {
			if s.NetworkInfo.Portgroup[i].Spec.Name == req.PgName {
				s.NetworkInfo.Portgroup[i].Spec = req.Portgrp
			}
		}
	}
	if !found {
		body.Fault_ = simulator.Fault("", &types.NotFound{})
		return body
	}
	body.Res = &types.UpdatePortGroupResponse{}
	return body
}

// wrapNetworkSystems registers every HostNetworkSystem as a NetSys (before any ContainerView exists).
func wrapNetworkSystems() int {
	n := 0
	for _, e := range simulator.Map.All("HostSystem") {
		h := e.(*simulator.HostSystem)
		if h.ConfigManager.NetworkSystem == nil {
			continue
		}
		if ns, ok := simulator.Map.Get(*h.ConfigManager.NetworkSystem).(*simulator.HostNetworkSystem); ok {
			simulator.Map.Put(&NetSys{HostNetworkSystem: *ns})
			n++
		}
	}
	return n
}

// ---------------------------------------------------------------------------
// SOAP helpers for the /sdk wrapper (copies of vcsim's unexported envelope types)
// ---------------------------------------------------------------------------

type soapEnvelope struct {
	XMLName xml.Name    `xml:"soapenv:Envelope"`
	Enc     string      `xml:"xmlns:soapenc,attr"`
	Env     string      `xml:"xmlns:soapenv,attr"`
	XSD     string      `xml:"xmlns:xsd,attr"`
	XSI     string      `xml:"xmlns:xsi,attr"`
	Body    interface{} `xml:"soapenv:Body"`
}

type faultDetail struct{ Fault types.AnyType }

func (d *faultDetail) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	kind := fmt.Sprintf("%T", d.Fault)
	kind = kind[strings.LastIndex(kind, ".")+1:]
	start.Name.Local = kind + "Fault"
	start.Attr = append(start.Attr,
		xml.Attr{Name: xml.Name{Local: "xmlns"}, Value: "urn:vim25"},
		xml.Attr{Name: xml.Name{Local: "xsi:type"}, Value: kind})
	return e.EncodeElement(d.Fault, start)
}

type soapFault struct {
	XMLName xml.Name `xml:"soapenv:Fault"`
	Code    string   `xml:"faultcode"`
	String  string   `xml:"faultstring"`
	Detail  struct {
		Fault *faultDetail
	} `xml:"detail"`
}

func writeSoapFault(w http.ResponseWriter, msg string, fault types.BaseMethodFault) {
	var out bytes.Buffer
	out.WriteString(xml.Header)
	f := &soapFault{Code: "ServerFaultCode", String: msg}
	f.Detail.Fault = &faultDetail{fault}
	env := &soapEnvelope{
		Enc:  "http://schemas.xmlsoap.org/soap/encoding/",
		Env:  "http://schemas.xmlsoap.org/soap/envelope/",
		XSD:  "http://www.w3.org/2001/XMLSchema",
		XSI:  "http://www.w3.org/2001/XMLSchema-instance",
		Body: struct{ Fault *soapFault }{f},
	}
	if err := xml.NewEncoder(&out).Encode(env); err != nil {
		log.Printf("encode fault: %v", err)
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(out.Bytes())
}

// parseSoap returns the SOAP method name and its _this reference.
func parseSoap(body []byte) (string, types.ManagedObjectReference) {
	var this types.ManagedObjectReference
	d := stdxml.NewDecoder(bytes.NewReader(body))
	inBody, method := false, ""
	for {
		tok, err := d.Token()
		if err != nil {
			return method, this
		}
		se, ok := tok.(stdxml.StartElement)
		if !ok {
			continue
		}
		switch {
		case !inBody:
			inBody = se.Name.Local == "Body"
		case method == "":
			method = se.Name.Local
		default:
			if se.Name.Local == "_this" {
				for _, a := range se.Attr {
					if a.Name.Local == "type" {
						this.Type = a.Value
					}
				}
				var s string
				_ = d.DecodeElement(&s, &se)
				this.Value = strings.TrimSpace(s)
			}
			return method, this
		}
	}
}

type sdkWrapper struct{ inner http.Handler }

func (h *sdkWrapper) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || (r.URL.Path != "/sdk" && r.URL.Path != "/sdk/vimService") {
		h.inner.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	method, this := parseSoap(body)
	if method == "" {
		method = "<unparsed>"
	}
	cookie := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		cookie = c.Value
	}

	ctlMu.Lock()
	callCounts[method]++
	actionCount[method+" "+strings.Trim(r.Header.Get("SOAPAction"), "\"")]++
	callTotal++
	injected := takeInjection(soapFaults[method], func() { delete(soapFaults, method) })
	live := liveSess[cookie]
	ctlMu.Unlock()

	if injected != "" {
		f, _ := newFault(injected, nil)
		if na, ok := f.(*types.NotAuthenticated); ok && this.Type != "" {
			na.Object = this
		}
		writeSoapFault(w, "nestcheck: injected "+injected, f)
		return
	}
	if strictAuth && !live && (method == "RetrievePropertiesEx" || method == "RetrieveProperties") {
		writeSoapFault(w, "", &types.NotAuthenticated{NoPermission: types.NoPermission{Object: this, PrivilegeId: "System.View"}})
		return
	}

	h.inner.ServeHTTP(w, r)

	resp := http.Response{Header: w.Header()}
	ctlMu.Lock()
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			liveSess[c.Value] = true
		}
	}
	if method == "Logout" && cookie != "" {
		delete(liveSess, cookie)
	}
	ctlMu.Unlock()
}

// ---------------------------------------------------------------------------
// Control endpoints: /nestcheck/*
// ---------------------------------------------------------------------------

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func httpErr(w http.ResponseWriter, code int, format string, a ...interface{}) {
	writeJSON(w, code, map[string]string{"error": fmt.Sprintf(format, a...)})
}

// vmObj is a registry VM: *StrictVM, or *simulator.VirtualMachine with -strict-vm=false.
type vmObj struct {
	obj mo.Reference
	*mo.VirtualMachine
}

func asVM(o mo.Reference) *vmObj {
	switch x := o.(type) {
	case *StrictVM:
		return &vmObj{x, &x.VirtualMachine.VirtualMachine}
	case *simulator.VirtualMachine:
		return &vmObj{x, &x.VirtualMachine}
	}
	return nil
}

func findVM(name string) *vmObj {
	if ref, ok := vmByName[name]; ok {
		if vm := asVM(simulator.Map.Get(ref)); vm != nil && vm.Name == name {
			return vm
		}
	}
	for _, e := range simulator.Map.All("VirtualMachine") {
		if vm := asVM(e); vm != nil && vm.Name == name {
			return vm
		}
	}
	return nil
}

func intParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad %s=%q", name, v)
	}
	return n, nil
}

type info struct {
	URL        string            `json:"url"`
	Cert       string            `json:"cert"`
	SHA256     string            `json:"sha256"`
	VMs        int               `json:"vms"`
	Portgroups []string          `json:"portgroups"`
	Hosts      map[string]string `json:"hosts"`
	Seed       int64             `json:"seed"`
	StartupMs  int64             `json:"startupMs"`
	Delay      int               `json:"delayMs"`
	StrictAuth bool              `json:"strictAuth"`
	StrictPwr  bool              `json:"strictPower"`
	StrictVM   bool              `json:"strictVM"`
}

func control(model *simulator.Model, inf *info) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		path := strings.TrimSuffix(r.URL.Path, "/")
		post := r.Method == http.MethodPost
		switch path {
		case "/nestcheck/info":
			ctlMu.Lock()
			inf.Delay = model.DelayConfig.Delay
			ctlMu.Unlock()
			writeJSON(w, 200, inf)

		case "/nestcheck/vms":
			writeJSON(w, 200, rows)

		case "/nestcheck/calls":
			ctlMu.Lock()
			snap := map[string]interface{}{"total": callTotal, "methods": copyCounts(), "actions": copyActions()}
			ctlMu.Unlock()
			writeJSON(w, 200, snap)

		case "/nestcheck/calls/reset":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			ctlMu.Lock()
			snap := map[string]interface{}{"total": callTotal, "methods": copyCounts(), "actions": copyActions()}
			callCounts = map[string]int64{}
			actionCount = map[string]int64{}
			callTotal = 0
			ctlMu.Unlock()
			writeJSON(w, 200, snap)

		case "/nestcheck/fail":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			method := normMethod(q.Get("method"))
			if method == "" {
				httpErr(w, 400, "method= is required")
				return
			}
			times, err := intParam(r, "times", 1)
			if err != nil || times < 1 {
				httpErr(w, 400, "bad times")
				return
			}
			fault := q.Get("fault")
			if fault == "" {
				fault = "SystemError"
			}
			if _, err := newFault(fault, nil); err != nil {
				httpErr(w, 400, "%v", err)
				return
			}
			vmName := q.Get("vm")
			if vmName == "" {
				ctlMu.Lock()
				soapFaults[method] = &injection{Fault: fault, Left: times}
				ctlMu.Unlock()
				writeJSON(w, 200, map[string]interface{}{"method": method, "fault": fault, "times": times, "mode": "soapFault"})
				return
			}
			if !strictVM {
				httpErr(w, 400, "fail with vm= needs -strict-vm (the default)")
				return
			}
			if !vmTaskMethods[method] {
				httpErr(w, 400, "with vm= only ReconfigVM_Task, UpgradeVM_Task, PowerOffVM_Task, PowerOnVM_Task can fail (omit vm= for a SOAP fault on any method)")
				return
			}
			if findVM(vmName) == nil {
				httpErr(w, 404, "no VM named %q", vmName)
				return
			}
			ctlMu.Lock()
			if vmFaults[vmName] == nil {
				vmFaults[vmName] = map[string]*injection{}
			}
			vmFaults[vmName][method] = &injection{Fault: fault, Left: times}
			ctlMu.Unlock()
			writeJSON(w, 200, map[string]interface{}{"vm": vmName, "method": method, "fault": fault, "times": times, "mode": "taskError"})

		case "/nestcheck/clear":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			ctlMu.Lock()
			vmFaults = map[string]map[string]*injection{}
			soapFaults = map[string]*injection{}
			pendingBump = map[string]int{}
			ctlMu.Unlock()
			writeJSON(w, 200, map[string]bool{"cleared": true})

		case "/nestcheck/bump":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			vm := findVM(q.Get("vm"))
			if vm == nil {
				httpErr(w, 404, "no VM named %q", q.Get("vm"))
				return
			}
			next, err := intParam(r, "next", 0)
			if err != nil {
				httpErr(w, 400, "%v", err)
				return
			}
			times, err := intParam(r, "times", 1)
			if err != nil {
				httpErr(w, 400, "%v", err)
				return
			}
			if q.Get("next") != "" && q.Get("times") == "" {
				times = 0 // next=N alone arms, it does not bump now
			}
			if next > 0 {
				ctlMu.Lock()
				pendingBump[vm.Name] = next
				ctlMu.Unlock()
			}
			var cv string
			simulator.Map.WithLock(vm.obj, func() {
				for n := 0; n < times; n++ {
					bumpObj(vm.obj)
				}
				cv = vm.Config.ChangeVersion
			})
			writeJSON(w, 200, map[string]interface{}{"vm": vm.Name, "changeVersion": cv, "bumped": times, "pending": next})

		case "/nestcheck/expire":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			ctlMu.Lock()
			ids := make([]string, 0, len(liveSess))
			for id := range liveSess {
				ids = append(ids, id)
			}
			liveSess = map[string]bool{}
			ctlMu.Unlock()
			sm := simulator.Map.SessionManager()
			ctx := &simulator.Context{Map: simulator.Map, Context: context.Background(),
				Session: &simulator.Session{UserSession: types.UserSession{Key: "nestcheck-control"}}}
			n := 0
			for _, id := range ids {
				res := sm.TerminateSession(ctx, &types.TerminateSession{This: sm.Self, SessionId: []string{id}})
				if res.Fault() == nil {
					n++
				}
			}
			writeJSON(w, 200, map[string]int{"terminated": n})

		case "/nestcheck/power":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			vm := findVM(q.Get("vm"))
			if vm == nil {
				httpErr(w, 404, "no VM named %q", q.Get("vm"))
				return
			}
			st := types.VirtualMachinePowerState(q.Get("state"))
			switch st {
			case types.VirtualMachinePowerStatePoweredOn, types.VirtualMachinePowerStatePoweredOff, types.VirtualMachinePowerStateSuspended:
			default:
				httpErr(w, 400, "state must be poweredOn, poweredOff or suspended")
				return
			}
			simulator.Map.WithLock(vm.obj, func() {
				simulator.Map.Update(vm.obj, []types.PropertyChange{
					{Name: "runtime.powerState", Val: st},
					{Name: "summary.runtime.powerState", Val: st},
				})
			})
			writeJSON(w, 200, map[string]string{"vm": vm.Name, "powerState": string(st)})

		case "/nestcheck/connection":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			vm := findVM(q.Get("vm"))
			if vm == nil {
				httpErr(w, 404, "no VM named %q", q.Get("vm"))
				return
			}
			st := types.VirtualMachineConnectionState(q.Get("state"))
			switch st {
			case types.VirtualMachineConnectionStateConnected, types.VirtualMachineConnectionStateDisconnected,
				types.VirtualMachineConnectionStateOrphaned, types.VirtualMachineConnectionStateInaccessible,
				types.VirtualMachineConnectionStateInvalid:
			default:
				httpErr(w, 400, "state must be connected, disconnected, orphaned, inaccessible or invalid")
				return
			}
			simulator.Map.WithLock(vm.obj, func() {
				simulator.Map.Update(vm.obj, []types.PropertyChange{
					{Name: "runtime.connectionState", Val: st},
					{Name: "summary.runtime.connectionState", Val: st},
				})
			})
			writeJSON(w, 200, map[string]string{"vm": vm.Name, "connectionState": string(st)})

		case "/nestcheck/delay":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			ms, err := intParam(r, "ms", -1)
			if err != nil || ms < 0 {
				httpErr(w, 400, "ms=N (>=0) is required")
				return
			}
			ctlMu.Lock()
			model.DelayConfig.Delay = ms // read unsynchronized by vcsim; change it while idle
			ctlMu.Unlock()
			writeJSON(w, 200, map[string]int{"delayMs": ms})

		case "/nestcheck/status":
			if !post {
				httpErr(w, 405, "POST only")
				return
			}
			code, err := intParam(r, "code", -1)
			if err != nil || code < 100 || code > 599 {
				httpErr(w, 400, "code=NNN is required")
				return
			}
			simulator.StatusSDK = code // vcsim resets it after one /sdk reply
			writeJSON(w, 200, map[string]int{"nextStatus": code})

		default:
			httpErr(w, 404, "unknown endpoint %s", r.URL.Path)
		}
	}
}

func copyActions() map[string]int64 {
	m := make(map[string]int64, len(actionCount))
	for k, v := range actionCount {
		m[k] = v
	}
	return m
}

func copyCounts() map[string]int64 {
	m := make(map[string]int64, len(callCounts))
	for k, v := range callCounts {
		m[k] = v
	}
	return m
}

// ---------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------

func fatalf(format string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "nestcheck-vcsim: "+format+"\n", a...)
	os.Exit(2)
}

func applyCompat(model *simulator.Model) {
	// §1.1: ServiceContent refs that vijava 5.1 (all 10) / yavijava 6.0.05 (last 6) cannot map.
	sc := &model.ServiceContent
	sc.DatastoreNamespaceManager = nil
	sc.OverheadMemoryManager = nil
	sc.CertificateManager = nil
	sc.IoFilterManager = nil
	sc.VStorageObjectManager = nil
	sc.HostSpecManager = nil
	sc.CryptoManager = nil
	sc.HealthUpdateManager = nil
	sc.FailoverClusterConfigurator = nil
	sc.FailoverClusterManager = nil

	for _, d := range esx.VirtualDevice {
		switch x := d.(type) {
		case *types.VirtualMachineVideoCard:
			x.GraphicsMemorySizeInKB = 0
		case *types.VirtualMachineVMCIDevice:
			x.FilterEnable = nil
		}
	}

	// vcsim 0.24.2 validates guestId on ReconfigVM against a list that predates ESXi 7/8 guests.
	have := map[types.VirtualMachineGuestOsIdentifier]bool{}
	for _, g := range simulator.GuestID {
		have[g] = true
	}
	for _, g := range guestIDs {
		if !have[types.VirtualMachineGuestOsIdentifier(g)] {
			simulator.GuestID = append(simulator.GuestID, types.VirtualMachineGuestOsIdentifier(g))
		}
	}
}

func setupHosts() map[string]string {
	names := map[string]string{}
	var cluster *simulator.ClusterComputeResource
	for _, e := range simulator.Map.All("ClusterComputeResource") {
		cluster = e.(*simulator.ClusterComputeResource)
	}
	if cluster != nil {
		if s, ok := cluster.Summary.(*types.ClusterComputeResourceSummary); ok {
			s.CurrentEVCModeKey = evcCurrent
		}
	}
	for _, e := range simulator.Map.All("HostSystem") {
		h := e.(*simulator.HostSystem)
		names[h.Name] = h.Self.Value
		sa := h.Name == standaloneHost
		hostHV[h.Self.Value] = !sa

		hw := *h.Hardware
		hw.CpuFeature = make([]types.HostCpuIdInfo, len(h.Hardware.CpuFeature))
		copy(hw.CpuFeature, h.Hardware.CpuFeature)
		h.Hardware = &hw

		h.Capability = &types.HostCapability{NestedHVSupported: types.NewBool(!sa)}
		vmx := "1"
		if sa {
			vmx = "0"
			for i := range hw.CpuFeature {
				if hw.CpuFeature[i].Level == 1 {
					ecx := []byte(hw.CpuFeature[i].Ecx)
					const bit = 5 // VMX
					pos := (31 - bit) + (31-bit)/4
					if pos < len(ecx) {
						ecx[pos] = '0'
					}
					hw.CpuFeature[i].Ecx = string(ecx)
				}
			}
			h.Summary.MaxEVCModeKey = evcMaxSA
			h.Summary.CurrentEVCModeKey = ""
		} else {
			h.Summary.MaxEVCModeKey = evcMaxCluster
			h.Summary.CurrentEVCModeKey = evcCurrent
		}
		if h.Config != nil {
			h.Config.FeatureCapability = []types.HostFeatureCapability{
				{Key: "cpuid.VMX", FeatureName: "cpuid.VMX", Value: vmx},
			}
		}
	}
	return names
}

func securityPolicy(kind string) *types.DVSSecurityPolicy {
	b := func(v bool) *types.BoolPolicy {
		return &types.BoolPolicy{InheritablePolicy: types.InheritablePolicy{Inherited: false}, Value: types.NewBool(v)}
	}
	switch kind {
	case "open":
		return &types.DVSSecurityPolicy{AllowPromiscuous: b(true), MacChanges: b(true), ForgedTransmits: b(true)}
	case "reject":
		return &types.DVSSecurityPolicy{AllowPromiscuous: b(false), MacChanges: b(false), ForgedTransmits: b(false)}
	default: // forged
		return &types.DVSSecurityPolicy{AllowPromiscuous: b(false), MacChanges: b(true), ForgedTransmits: b(true)}
	}
}

func runTask(ref types.ManagedObjectReference) (types.AnyType, error) {
	t, ok := simulator.Map.Get(ref).(*simulator.Task)
	if !ok {
		return nil, fmt.Errorf("task %s not found", ref)
	}
	if t.Info.State != types.TaskInfoStateSuccess {
		if t.Info.Error != nil {
			return nil, fmt.Errorf("task %s failed: %T", t.Info.Name, t.Info.Error.Fault)
		}
		return nil, fmt.Errorf("task %s in state %s", t.Info.Name, t.Info.State)
	}
	return t.Info.Result, nil
}

func setupPortgroups(ctx context.Context, rt soap.RoundTripper, k int) (map[string]types.BaseVirtualDeviceBackingInfo, []string, error) {
	var dvs *simulator.DistributedVirtualSwitch
	for _, kind := range []string{"VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch"} {
		for _, e := range simulator.Map.All(kind) {
			dvs = e.(*simulator.DistributedVirtualSwitch)
		}
	}
	if dvs == nil {
		return nil, nil, fmt.Errorf("vcsim created no DVS")
	}
	var specs []types.DVPortgroupConfigSpec
	for p := 0; p < k; p++ {
		specs = append(specs, types.DVPortgroupConfigSpec{
			Name:     pgName(p),
			Type:     string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
			NumPorts: 128,
			DefaultPortConfig: &types.VMwareDVSPortSetting{
				Vlan: new(types.VmwareDistributedVirtualSwitchVlanIdSpec),
				UplinkTeamingPolicy: &types.VmwareUplinkPortTeamingPolicy{
					Policy:         &types.StringPolicy{Value: "loadbalance_srcid"},
					ReversePolicy:  &types.BoolPolicy{Value: types.NewBool(true)},
					NotifySwitches: &types.BoolPolicy{Value: types.NewBool(true)},
					RollingOrder:   &types.BoolPolicy{Value: types.NewBool(true)},
				},
				SecurityPolicy: securityPolicy(pgPolicies[p%3]),
			},
		})
	}
	res, err := methods.AddDVPortgroup_Task(ctx, rt, &types.AddDVPortgroup_Task{This: dvs.Self, Spec: specs})
	if err != nil {
		return nil, nil, err
	}
	if _, err := runTask(res.Returnval); err != nil {
		return nil, nil, err
	}

	backings := map[string]types.BaseVirtualDeviceBackingInfo{}
	var names []string
	for _, e := range simulator.Map.All("DistributedVirtualPortgroup") {
		pg := e.(*simulator.DistributedVirtualPortgroup)
		// §1.1: yavijava/vijava cannot map this 6.7 field
		if pol, ok := pg.Config.Policy.(*types.VMwareDVSPortgroupPolicy); ok {
			pol.TrafficFilterOverrideAllowed = nil
		}
		if pg.Config.DistributedVirtualSwitch != nil && strings.Contains(pg.Name, "-DVUplinks") {
			// vcsim leaves the uplink DVPG unmarked; mark it the way vCenter does.
			pg.Tag = []types.Tag{{Key: "SYSTEM/DVS.UPLINKPG"}}
			if cfg, ok := dvs.Config.(*types.VMwareDVSConfigInfo); ok {
				cfg.UplinkPortgroup = []types.ManagedObjectReference{pg.Self}
			}
		}
		names = append(names, pg.Name)
		backings[pg.Name] = &types.VirtualEthernetCardDistributedVirtualPortBackingInfo{
			Port: types.DistributedVirtualSwitchPortConnection{PortgroupKey: pg.Key, SwitchUuid: dvs.Uuid},
		}
	}
	sort.Strings(names)
	for p := 0; p < k; p++ {
		if backings[pgName(p)] == nil {
			return nil, nil, fmt.Errorf("DVPG %s missing after AddDVPortgroup", pgName(p))
		}
	}
	if backings[vcsimDVPG] == nil {
		return nil, nil, fmt.Errorf("vcsim DVPG %s missing", vcsimDVPG)
	}
	return backings, names, nil
}

func newNIC(kind string, backing types.BaseVirtualDeviceBackingInfo) types.BaseVirtualDevice {
	card := esx.EthernetCard.VirtualEthernetCard // value copy, then fresh pointers
	card.Backing = backing
	card.Connectable = &types.VirtualDeviceConnectInfo{StartConnected: true, AllowGuestControl: true, Status: "untried"}
	card.SlotInfo = &types.VirtualDevicePciBusSlotInfo{PciSlotNumber: 32}
	card.UnitNumber = types.NewInt32(7)
	card.WakeOnLanEnabled = types.NewBool(true)
	card.DeviceInfo = nil
	if kind == "vmxnet3" {
		return &types.VirtualVmxnet3{VirtualVmxnet: types.VirtualVmxnet{VirtualEthernetCard: card}}
	}
	return &types.VirtualE1000{VirtualEthernetCard: card}
}

func cloneBacking(b types.BaseVirtualDeviceBackingInfo) types.BaseVirtualDeviceBackingInfo {
	switch x := b.(type) {
	case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
		c := *x
		return &c
	}
	return &types.VirtualEthernetCardNetworkBackingInfo{
		VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: "VM Network", UseAutoDetect: types.NewBool(false)},
		InPassthroughMode:              types.NewBool(false),
	}
}

func createVMs(ctx context.Context, rt soap.RoundTripper, n int, seed int64, k int, backings map[string]types.BaseVirtualDeviceBackingInfo) error {
	dc := simulator.Map.Any("Datacenter").(*simulator.Datacenter)
	hosts := map[string]*simulator.HostSystem{}
	for _, e := range simulator.Map.All("HostSystem") {
		h := e.(*simulator.HostSystem)
		hosts[h.Name] = h
	}
	pools := map[string]types.ManagedObjectReference{}
	for name, h := range hosts {
		switch cr := simulator.Map.Get(*h.Parent).(type) {
		case *simulator.ClusterComputeResource:
			pools[name] = *cr.ResourcePool
		case *mo.ComputeResource:
			pools[name] = *cr.ResourcePool
		default:
			return fmt.Errorf("host %s: unexpected parent %T", name, cr)
		}
	}

	rows = make([]row, 0, n)
	for i := 0; i < n; i++ {
		r := planRow(i, seed, k)
		h := hosts[r.HostName]
		if h == nil {
			return fmt.Errorf("host %s not found", r.HostName)
		}
		spec := types.VirtualMachineConfigSpec{
			Name:                         r.Name,
			GuestId:                      r.GuestID,
			NumCPUs:                      int32(r.CPU),
			NumCoresPerSocket:            1,
			MemoryMB:                     int64(r.MemoryMB),
			Firmware:                     r.Firmware,
			Version:                      r.Version,
			NestedHVEnabled:              r.NestedHV,
			Files:                        &types.VirtualMachineFileInfo{VmPathName: "[LocalDS_0]"},
			MemoryReservationLockedToMax: nil,
		}
		if r.LockedToMax {
			spec.MemoryReservationLockedToMax = types.NewBool(true)
		}
		var devices object.VirtualDeviceList
		scsi, _ := devices.CreateSCSIController("pvscsi")
		ide, _ := devices.CreateIDEController()
		cdrom, _ := devices.CreateCdrom(ide.(*types.VirtualIDEController))
		disk := devices.CreateDisk(scsi.(types.BaseVirtualController), types.ManagedObjectReference{},
			"[LocalDS_0] "+r.Name+"/disk1.vmdk")
		disk.CapacityInKB = 1024
		devices = append(devices, scsi, cdrom, disk, newNIC(r.NIC, cloneBacking(backings[r.NetworkName])))
		spec.DeviceChange, _ = devices.ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)

		hostRef := h.Self
		res, err := methods.CreateVM_Task(ctx, rt, &types.CreateVM_Task{
			This: dc.VmFolder, Config: spec, Pool: pools[r.HostName], Host: &hostRef,
		})
		if err != nil {
			return fmt.Errorf("CreateVM %s: %v", r.Name, err)
		}
		result, err := runTask(res.Returnval)
		if err != nil {
			return fmt.Errorf("CreateVM %s: %v", r.Name, err)
		}
		ref := result.(types.ManagedObjectReference)
		if r.PowerOn {
			pres, err := methods.PowerOnVM_Task(ctx, rt, &types.PowerOnVM_Task{This: ref})
			if err != nil {
				return fmt.Errorf("PowerOn %s: %v", r.Name, err)
			}
			if _, err := runTask(pres.Returnval); err != nil {
				return fmt.Errorf("PowerOn %s: %v", r.Name, err)
			}
		}

		vm := simulator.Map.Get(ref).(*simulator.VirtualMachine)
		if vm.Config.Version != r.Version {
			log.Printf("warning: %s config.version=%s, wanted %s", r.Name, vm.Config.Version, r.Version)
		}
		vm.Config.ChangeVersion = cvInitBase.Add(time.Duration(i) * time.Second).Format(cvLayout)
		if r.ReserveMB > 0 && vm.Config.MemoryAllocation != nil {
			vm.Config.MemoryAllocation.Reservation = types.NewInt64(int64(r.ReserveMB))
			vm.Summary.Config.MemoryReservation = int32(r.ReserveMB)
		}
		vm.Capability.NestedHVSupported = types.NewBool(r.VMCapHV)
		if r.Template {
			vm.Config.Template = true
			vm.Summary.Config.Template = true
		}
		if r.Disconn {
			vm.Runtime.ConnectionState = types.VirtualMachineConnectionStateDisconnected
			vm.Summary.Runtime.ConnectionState = types.VirtualMachineConnectionStateDisconnected
		}
		if strictVM {
			simulator.Map.Put(&StrictVM{VirtualMachine: *vm})
		}

		r.Moref = ref.Value
		vmByName[r.Name] = ref
		rows = append(rows, r)
	}
	return nil
}

func makeCert(dir string) (tls.Certificate, string, string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return tls.Certificate{}, "", "", err
	}
	now := time.Now()
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	tmpl := x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "127.0.0.1", Organization: []string{"nestcheck vcsim"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, "", "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return tls.Certificate{}, "", "", err
	}
	file := filepath.Join(dir, "cert.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(file, pemBytes, 0o644); err != nil {
		return tls.Certificate{}, "", "", err
	}
	sum := sha256.Sum256(der)
	hex := make([]string, len(sum))
	for i, b := range sum {
		hex[i] = fmt.Sprintf("%02X", b)
	}
	abs, _ := filepath.Abs(file)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, abs, strings.Join(hex, ":"), nil
}

func main() {
	start := time.Now()
	vms := flag.Int("vms", 20, "total number of VMs (exact)")
	delay := flag.Int("delay", 0, "delay in ms added to every SOAP call (DelayConfig.Delay)")
	pgs := flag.Int("portgroups", 3, "number of nc-dvpg-NN DVPGs (>= 2); security cycles open/reject/forged")
	certdir := flag.String("certdir", "", "directory for cert.pem (default: a temp dir removed at exit)")
	seed := flag.Int64("seed", 0, "seed for the generated VM rows (index >= 12)")
	user := flag.String("user", "", "required login user (default: any non-empty credentials)")
	pass := flag.String("pass", "", "required login password (with -user)")
	flag.BoolVar(&strictAuth, "strict-auth", true, "RetrieveProperties[Ex] without a live session fault with NotAuthenticated (stock vcsim allows it)")
	flag.BoolVar(&strictPower, "strict-power", true, "UpgradeVM_Task on a VM that is not poweredOff fails with InvalidPowerState")
	flag.BoolVar(&strictVM, "strict-vm", true, "wrap VMs in StrictVM (changeVersion check, UpgradeVM, task fault injection); false keeps stock vcsim VMs, e.g. for snapshots")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin reaches EOF")
	trace := flag.Bool("trace", false, "log SOAP traffic to stderr (simulator.Trace)")
	tmpdir := flag.String("tmpdir", "", "parent dir of vcsim's datastore files (default: /dev/shm if writable, else $TMPDIR or /tmp)")
	flag.Parse()

	log.SetOutput(os.Stderr)
	log.SetPrefix("nestcheck-vcsim: ")
	if *vms < 0 {
		fatalf("-vms must be >= 0")
	}
	if *pgs < 2 {
		fatalf("-portgroups must be >= 2 (rows use nc-dvpg-00-open and nc-dvpg-01-reject)")
	}
	if *delay < 0 {
		fatalf("-delay must be >= 0")
	}
	if (*user == "") != (*pass == "") {
		fatalf("-user and -pass go together")
	}
	simulator.Trace = *trace

	tmpCert := ""
	if *certdir == "" {
		d, err := os.MkdirTemp("", "vcsim-cert-")
		if err != nil {
			fatalf("temp dir: %v", err)
		}
		*certdir, tmpCert = d, d
	}

	// vcsim creates 4-5 files per VM under os.TempDir(); tmpfs makes start-up 2-3x faster.
	if *tmpdir == "" {
		*tmpdir = os.TempDir()
		if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
			if f, err := os.CreateTemp("/dev/shm", "vcsim-probe-"); err == nil {
				f.Close()
				os.Remove(f.Name())
				*tmpdir = "/dev/shm"
			}
		}
	}
	if err := os.Setenv("TMPDIR", *tmpdir); err != nil {
		fatalf("TMPDIR: %v", err)
	}

	model := simulator.VPX()
	model.Machine = 0   // VMs are created below, exactly -vms of them
	model.Portgroup = 1 // creates DVS0 and DC0_DVPG0 (no security policy)
	model.Autostart = false
	model.DelayConfig.Delay = 0 // switched on after setup
	applyCompat(model)

	if err := model.Create(); err != nil {
		fatalf("model.Create: %v", err)
	}
	tCreate := time.Since(start)

	ctx := context.Background()
	hostRefs := setupHosts()
	if n := wrapNetworkSystems(); n == 0 {
		log.Printf("warning: no HostNetworkSystem to wrap; UpdatePortGroup is unavailable")
	}
	backings, pgNames, err := setupPortgroups(ctx, model.Service, *pgs)
	if err != nil {
		fatalf("portgroups: %v", err)
	}
	if err := createVMs(ctx, model.Service, *vms, *seed, *pgs, backings); err != nil {
		fatalf("VMs: %v", err)
	}
	tVMs := time.Since(start)

	cert, certFile, fp, err := makeCert(*certdir)
	if err != nil {
		fatalf("certificate: %v", err)
	}

	listen := &url.URL{Host: "127.0.0.1:0"}
	if *user != "" {
		listen.User = url.UserPassword(*user, *pass)
	}
	model.Service.Listen = listen
	model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}

	inf := &info{Cert: certFile, SHA256: fp, VMs: *vms, Portgroups: pgNames, Hosts: hostRefs,
		Seed: *seed, StrictAuth: strictAuth, StrictPwr: strictPower, StrictVM: strictVM}
	model.Service.HandleFunc("/nestcheck/", control(model, inf))

	srv := model.Service.NewServer()
	// Wrap the whole mux to count SOAP calls; nobody knows the port yet, so no request is in flight.
	srv.Config.Handler = &sdkWrapper{inner: srv.Config.Handler}

	model.DelayConfig.Delay = *delay

	u := *srv.URL
	u.User = nil
	u.Host = net.JoinHostPort("127.0.0.1", u.Port())
	inf.URL = u.String()
	inf.StartupMs = time.Since(start).Milliseconds()

	line, _ := json.Marshal(struct {
		URL    string `json:"url"`
		Cert   string `json:"cert"`
		SHA256 string `json:"sha256"`
	}{inf.URL, certFile, fp})
	fmt.Fprintln(os.Stdout, string(line))
	log.Printf("ready: %d VMs, %d DVPGs, model %v, VMs %v, total %v (pid %d)",
		*vms, *pgs, tCreate.Round(time.Millisecond), (tVMs - tCreate).Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), os.Getpid())

	stop := make(chan string, 2)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go func() { s := <-sig; stop <- s.String() }()
	if *watchStdin {
		go func() { _, _ = io.Copy(io.Discard, os.Stdin); stop <- "stdin closed" }()
	}
	why := <-stop
	log.Printf("stopping: %s", why)

	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		log.Printf("server close timed out")
	}
	model.Remove()
	if tmpCert != "" {
		_ = os.RemoveAll(tmpCert)
	}
}
