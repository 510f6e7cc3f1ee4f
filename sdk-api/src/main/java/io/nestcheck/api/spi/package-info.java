/**
 * The service provider interfaces: {@link io.nestcheck.api.spi.Rule} and {@link io.nestcheck.api.spi.RulePack}
 * for rule authors, {@link io.nestcheck.api.spi.ExportReader} for file formats, and {@link
 * io.nestcheck.api.spi.PlatformAdapter} for live platforms. Each interface states its contract in its javadoc.
 */
@NullMarked
package io.nestcheck.api.spi;

import org.jspecify.annotations.NullMarked;
