/**
 * Rules about NIC types and the port-group security policy nested guests need (NV-NET).
 */
@NullMarked
package io.nestcheck.core.rules.network;

import org.jspecify.annotations.NullMarked;
