/** Sleep episodes. */
package org.zenmoon.domain.model.sleep;
