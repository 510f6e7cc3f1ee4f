package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.ConcurrentAccess;
import com.vmware.vim25.InvalidPowerState;
import com.vmware.vim25.NotAuthenticated;
import com.vmware.vim25.VirtualMachinePowerState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import org.junit.jupiter.api.Test;

/** Reply handling of {@link VimClient}: DTD refusal and SOAP fault mapping (yavijava's own fails on Java 17). */
class VimClientTest {
  private static final String ENV = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope "
      + "xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      + "<soapenv:Body>%s</soapenv:Body></soapenv:Envelope>";

  private static byte[] reply(String body) {
    return String.format(ENV, body).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aDtdIsRefused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><foo>&x;</foo>";
    assertThatThrownBy(() -> VimClient.refuseDtd(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class).hasMessageContaining("DTD");
  }

  @Test
  void anOrdinaryReplyPassesUnchanged() throws Exception {
    byte[] ok = reply("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"></RetrievePropertiesExResponse>");
    try (InputStream in = VimClient.refuseDtd(new ByteArrayInputStream(ok))) {
      assertThat(in.readAllBytes()).isEqualTo(ok);
    }
  }

  @Test
  void notAuthenticatedBecomesTheTypedFault() {
    byte[] r = reply("<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring/><detail>"
        + "<NotAuthenticatedFault xmlns=\"urn:vim25\" xsi:type=\"NotAuthenticated\"><object type=\"ViewManager\">"
        + "ViewManager</object><privilegeId>System.View</privilegeId></NotAuthenticatedFault></detail></soapenv:Fault>");
    assertThat(SoapFaults.isFault(new String(r, StandardCharsets.ISO_8859_1))).isTrue();
    RemoteException e = SoapFaults.parse(r);
    assertThat(e).isInstanceOf(NotAuthenticated.class);
    NotAuthenticated na = (NotAuthenticated) e;
    assertThat(na.getPrivilegeId()).isEqualTo("System.View");
    assertThat(na.getObject().getType()).isEqualTo("ViewManager");
    assertThat(Faults.describe(e)).isEqualTo("NotAuthenticated (object=ViewManager:ViewManager, privilegeId=System.View)");
  }

  @Test
  void faultFieldsAndMessage() {
    byte[] r = reply("<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>The attempted operation cannot be "
        + "performed in the current state (Powered on).</faultstring><detail><InvalidPowerStateFault xmlns=\"urn:vim25\" "
        + "xsi:type=\"InvalidPowerState\"><requestedState>poweredOff</requestedState><existingState>poweredOn"
        + "</existingState></InvalidPowerStateFault></detail></soapenv:Fault>");
    RemoteException e = SoapFaults.parse(r);
    assertThat(e).isInstanceOf(InvalidPowerState.class);
    assertThat(((InvalidPowerState) e).getExistingState()).isEqualTo(VirtualMachinePowerState.poweredOn);
    assertThat(Faults.describe(e)).isEqualTo("InvalidPowerState (requestedState=poweredOff, existingState=poweredOn): "
        + "The attempted operation cannot be performed in the current state (Powered on).");
    assertThat(Faults.is(new RemoteException("wrapped", SoapFaults.parse(reply(
        "<soapenv:Fault><faultcode>x</faultcode><faultstring>busy</faultstring><detail><ConcurrentAccessFault "
            + "xmlns=\"urn:vim25\" xsi:type=\"ConcurrentAccess\"/></detail></soapenv:Fault>"))), ConcurrentAccess.class))
        .isTrue();
  }

  @Test
  void unknownOrUntypedFaults() {
    RemoteException e = SoapFaults.parse(reply("<soapenv:Fault><faultcode>x</faultcode><faultstring>boom</faultstring>"
        + "<detail><FooFault xmlns=\"urn:vim25\" xsi:type=\"SomethingNew\"/></detail></soapenv:Fault>"));
    assertThat(Faults.describe(e)).isEqualTo("RuntimeFault: SomethingNew: boom");
    RemoteException plain = SoapFaults.parse(reply("<soapenv:Fault><faultcode>x</faultcode><faultstring>no detail"
        + "</faultstring></soapenv:Fault>"));
    assertThat(plain.getMessage()).isEqualTo("no detail");
    assertThat(SoapFaults.isFault(new String(reply("<LoginResponse xmlns=\"urn:vim25\"/>"), StandardCharsets.UTF_8)))
        .isFalse();
  }
}
