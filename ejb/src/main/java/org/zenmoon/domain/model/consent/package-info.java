/** Guardians' consents per child and scope, with their history: what ZenMoon may do with a child's data. */
package org.zenmoon.domain.model.consent;
