/**
 * Rules about the virtual hardware version and raw settings a guest needs (NV-HW).
 */
@NullMarked
package io.nestcheck.core.rules.hardware;

import org.jspecify.annotations.NullMarked;
