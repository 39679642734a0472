/*
 * Minimal Cortex-M4F start-up: vector table, .data/.bss initialisation, FPU enable.
 */
#include <stdint.h>

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void SysTick_Handler(void);

#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)
#define CPACR_CP10_CP11_FULL (0xFu << 20) /* full access to the FPU coprocessors */

void Default_Handler(void)
{
    for (;;) {
        /* unexpected interrupt or fault: halt here for the debugger / watchdog */
    }
}

void Reset_Handler(void)
{
    SCB_CPACR |= CPACR_CP10_CP11_FULL; /* before any float instruction */
    __asm volatile("dsb\n\tisb");
    for (uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &_sbss; dst < &_ebss;) {
        *dst++ = 0;
    }
    (void)main();
    Default_Handler();
}

typedef void (*vector_t)(void);

/* Core exceptions only; a real board adds its peripheral IRQs (BLE radio, sensors). */
__attribute__((section(".isr_vector"), used)) static const vector_t vectors[16] = {
    (vector_t)(uintptr_t)&_estack, /* initial stack pointer */
    Reset_Handler,
    Default_Handler, /* NMI */
    Default_Handler, /* HardFault */
    Default_Handler, /* MemManage */
    Default_Handler, /* BusFault */
    Default_Handler, /* UsageFault */
    0, 0, 0, 0,      /* reserved */
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,               /* reserved */
    Default_Handler, /* PendSV */
    SysTick_Handler,
};
