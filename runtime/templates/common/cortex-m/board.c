/*
 * Cortex-M board support for the MicroTvm firmware templates (every QEMU MPS2/MPS3 board):
 * the semihosting trap, the instruction counter and the fault reports.
 *
 * Instruction counter: SysTick clocked by the processor clock (CLKSOURCE = 1), reload
 * 0xFFFFFF, its interrupt counting wraps, so the tick count is 64 bits wide. QEMU emulates
 * neither DWT CYCCNT nor a PMU for M-profile, and every MPS2/MPS3 timer runs from the board's
 * SYSCLK (MTVM_BOARD_CPU_HZ). Under -icount shift=0 one instruction takes one virtual ns, so
 * one tick is 10^9 / MTVM_BOARD_CPU_HZ instructions (40 at 25 MHz, 31.25 at 32 MHz): counts
 * are exact multiples of that, deterministic, and converted to instructions here.
 */
#include <stddef.h>
#include <stdint.h>

#include "board_config.h"
#include "mtvm/platform.h"
#include "mtvm_board.h"
#include "semihost.h"

#define MTVM_REG(address) (*(volatile uint32_t*)(address))

#define SYST_CSR MTVM_REG(0xE000E010u)
#define SYST_RVR MTVM_REG(0xE000E014u)
#define SYST_CVR MTVM_REG(0xE000E018u)
#define SCB_ICSR MTVM_REG(0xE000ED04u)
#define SCB_CCR MTVM_REG(0xE000ED14u)
#define SCB_SHCSR MTVM_REG(0xE000ED24u)
#define SCB_CFSR MTVM_REG(0xE000ED28u)
#define SCB_HFSR MTVM_REG(0xE000ED2Cu)
#define SCB_MMFAR MTVM_REG(0xE000ED34u)
#define SCB_BFAR MTVM_REG(0xE000ED38u)
#define SCB_SFSR MTVM_REG(0xE000EDE4u) /* Armv8-M with the Security Extension */
#define SCB_SFAR MTVM_REG(0xE000EDE8u)

#define SYST_RELOAD 0xFFFFFFu
#define ICSR_PENDSTSET (1u << 26)

void mtvm_systick_handler(void);
MTVM_NORETURN void mtvm_cortex_m_fault(const uint32_t* frame, uint32_t exc_return);
MTVM_NORETURN void mtvm_cortex_m_unexpected(const uint32_t* frame, uint32_t exc_return);

intptr_t mtvm_semihost_call(uintptr_t op, uintptr_t arg)
{
    register uintptr_t r0 __asm__("r0") = op;
    register uintptr_t r1 __asm__("r1") = arg;
    __asm__ __volatile__("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return (intptr_t)r0;
}

/* ---- instruction counter ---- */

static volatile uint32_t mtvm_systick_wraps;
static uint32_t mtvm_ns_per_tick_num; /* instructions per tick = num / den */
static uint32_t mtvm_ns_per_tick_den;

void mtvm_systick_handler(void)
{
    mtvm_systick_wraps = mtvm_systick_wraps + 1u;
}

static uint32_t mtvm_gcd(uint32_t a, uint32_t b)
{
    while (b != 0) {
        const uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void mtvm_board_init(void)
{
    const uint32_t g = mtvm_gcd(1000000000u, (uint32_t)MTVM_BOARD_CPU_HZ);
    mtvm_ns_per_tick_num = 1000000000u / g;
    mtvm_ns_per_tick_den = (uint32_t)MTVM_BOARD_CPU_HZ / g;

    /* MemManage, BusFault and UsageFault get their own exceptions (reported by name), and an
       integer division by zero faults instead of giving 0. */
    SCB_SHCSR |= (1u << 16) | (1u << 17) | (1u << 18);
    SCB_CCR |= 1u << 4;

    SYST_CSR = 0;
    SYST_RVR = SYST_RELOAD;
    SYST_CVR = 0;
    SYST_CSR = 0x7u; /* ENABLE | TICKINT | CLKSOURCE (processor clock) */
    /* The current value reads 0 until the first reload; from then on the formula holds. */
    while (SYST_CVR == 0) {
    }
}

static uint64_t mtvm_ticks(void)
{
    uint32_t primask;
    uint32_t wraps;
    uint32_t value;
    __asm__ __volatile__("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    wraps = mtvm_systick_wraps;
    value = SYST_CVR;
    if ((SCB_ICSR & ICSR_PENDSTSET) != 0) {
        /* Wrapped, not yet counted: count it and re-read the value after the wrap. */
        value = SYST_CVR;
        ++wraps;
    }
    __asm__ __volatile__("msr primask, %0" : : "r"(primask) : "memory");
    return ((uint64_t)wraps << 24) + (uint64_t)(SYST_RELOAD - value);
}

uint64_t mtvm_board_counter(void)
{
    return mtvm_ticks() * mtvm_ns_per_tick_num / mtvm_ns_per_tick_den;
}

uint32_t mtvm_board_counter_resolution(void)
{
    return (mtvm_ns_per_tick_num + mtvm_ns_per_tick_den - 1u) / mtvm_ns_per_tick_den;
}

/* ---- fault reports ---- */

static char* mtvm_put_str(char* at, const char* s)
{
    while (*s != '\0') {
        *at++ = *s++;
    }
    return at;
}

static char* mtvm_put_hex(char* at, const char* key, uint32_t value)
{
    int shift;
    at = mtvm_put_str(at, key);
    at = mtvm_put_str(at, "=0x");
    for (shift = 28; shift >= 0; shift -= 4) {
        *at++ = "0123456789abcdef"[(value >> shift) & 0xFu];
    }
    return at;
}

static char* mtvm_put_uint(char* at, uint32_t value)
{
    char digits[11];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(value % 10u));
        value /= 10u;
    } while (value != 0);
    while (n > 0) {
        *at++ = digits[--n];
    }
    return at;
}

static const char* mtvm_exception_name(uint32_t number)
{
    switch (number) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
    case 11: return "SVCall";
    case 12: return "DebugMonitor";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return number >= 16 ? "IRQ" : "reserved";
    }
}

static MTVM_NORETURN void mtvm_report(const char* tag, int exit_code, const uint32_t* frame,
                                      uint32_t exc_return)
{
    static char line[320];
    char* at = line;
    uint32_t ipsr;
    __asm__ __volatile__("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    at = mtvm_put_str(at, tag);
    at = mtvm_put_str(at, " exit=");
    at = mtvm_put_uint(at, (uint32_t)exit_code);
    at = mtvm_put_str(at, " exception=");
    at = mtvm_put_str(at, mtvm_exception_name(ipsr));
    at = mtvm_put_str(at, " number=");
    at = mtvm_put_uint(at, ipsr);
    /* The basic frame: r0 r1 r2 r3 r12 lr pc xpsr. */
    at = mtvm_put_hex(at, " pc", frame[6]);
    at = mtvm_put_hex(at, " lr", frame[5]);
    at = mtvm_put_hex(at, " xpsr", frame[7]);
    at = mtvm_put_hex(at, " sp", (uint32_t)(uintptr_t)frame);
    at = mtvm_put_hex(at, " exc_return", exc_return);
    at = mtvm_put_hex(at, " cfsr", SCB_CFSR);
    at = mtvm_put_hex(at, " hfsr", SCB_HFSR);
    at = mtvm_put_hex(at, " mmfar", SCB_MMFAR);
    at = mtvm_put_hex(at, " bfar", SCB_BFAR);
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
    at = mtvm_put_hex(at, " sfsr", SCB_SFSR);
    at = mtvm_put_hex(at, " sfar", SCB_SFAR);
#endif
    at = mtvm_put_str(at, "\n");
    *at = '\0';
    mtvm_board_console_write(line);
    mtvm_board_exit(exit_code);
}

void mtvm_cortex_m_fault(const uint32_t* frame, uint32_t exc_return)
{
    mtvm_report("MTVM_FAULT", MTVM_EXIT_FAULT, frame, exc_return);
}

void mtvm_cortex_m_unexpected(const uint32_t* frame, uint32_t exc_return)
{
    mtvm_report("MTVM_UNEXPECTED", MTVM_EXIT_UNEXPECTED, frame, exc_return);
}
