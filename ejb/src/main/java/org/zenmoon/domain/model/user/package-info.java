/** Accounts, their roles and how their passwords are kept. */
package org.zenmoon.domain.model.user;
