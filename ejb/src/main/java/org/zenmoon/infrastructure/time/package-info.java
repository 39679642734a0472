/** Time: the system clock, produced once for injection. */
package org.zenmoon.infrastructure.time;
