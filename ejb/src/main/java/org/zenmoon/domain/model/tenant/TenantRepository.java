package org.zenmoon.domain.model.tenant;

import java.util.List;

/** The schools and clinics on this installation. */
public interface TenantRepository {

    /** Every tenant's id, in id order. */
    List<String> allIds();
}
