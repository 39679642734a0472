/*
 * CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740): poly 0x1021, init 0xFFFF, no reflection,
 * xorout 0x0000. Check value for the ASCII string "123456789" is 0x29B1.
 */
#ifndef ZM_CRC16_H
#define ZM_CRC16_H

#include <stddef.h>
#include <stdint.h>

#define ZM_CRC16_INIT 0xFFFFu
#define ZM_CRC16_CHECK 0x29B1u /* CRC of "123456789" */

/* Continue a CRC over more bytes; start with ZM_CRC16_INIT. */
uint16_t zm_crc16_update(uint16_t crc, const uint8_t *data, size_t len);
/* CRC of one buffer. */
uint16_t zm_crc16(const uint8_t *data, size_t len);

#endif
