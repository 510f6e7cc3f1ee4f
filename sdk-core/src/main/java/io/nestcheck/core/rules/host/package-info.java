/**
 * Rules about the outer host: hardware virtualization, EPT/RVI, firmware settings, the platform's nested-HV verdict,
 * its newest hardware version, EVC, and unknown host facts (NV-HOST).
 */
@NullMarked
package io.nestcheck.core.rules.host;

import org.jspecify.annotations.NullMarked;
