/** The PrimeFaces portal for counsellors and clinicians: backing beans of the pages in webapp/. */
package org.zenmoon.interfaces.portal;
