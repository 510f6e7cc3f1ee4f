package io.nestcheck.vsphere;

import org.apache.log4j.Level;
import org.apache.log4j.Logger;

/**
 * yavijava logs through the log4j 1.x API (served by reload4j). Its wire logger ({@code com.vmware.vim25.ws}) can
 * write whole SOAP bodies at TRACE, Login included, so it is always switched off: the password must never reach a
 * log. The rest of yavijava logs every fault at ERROR; it is switched off unless the application configured a level
 * for it, which also keeps reload4j's "no appenders" warning off the console.
 */
final class Logging {
  private static volatile boolean done;

  private Logging() {}

  static void quietYavijava() {
    if (done) {
      return;
    }
    synchronized (Logging.class) {
      if (done) {
        return;
      }
      Logger.getLogger("com.vmware.vim25.ws").setLevel(Level.OFF);
      for (String name : new String[] {"com.vmware", "org.doublecloud"}) {
        Logger l = Logger.getLogger(name);
        if (l.getLevel() == null) {
          l.setLevel(Level.OFF);
        }
      }
      done = true;
    }
  }
}
