/** Guardians' consents, per child and scope. */
package org.zenmoon.domain.model.consent;
