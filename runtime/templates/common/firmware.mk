# MicroTvm firmware templates: the make rules every board's Makefile includes.
#
# The board's Makefile sets, before including this file:
#   BOARD          the template's name (qemu-mps2-an385, host, ...)
#   BOARD_DIR      the board's directory (board_config.h, linker.ld)
#   COMMON_DIR     this directory
#   CROSS          toolchain prefix (arm-none-eabi-, riscv64-unknown-elf-, empty for host)
#   ARCH_FLAGS     -mcpu/-march/-mabi/-mfloat-abi... (compile and link)
#   BOARD_CFLAGS   more compile flags (-ffreestanding: the QEMU boards link no C library)
#   BOARD_SRCS     the board's start-up and support sources
#   BOARD_LDFLAGS  linker script and friends
#   BOARD_LDLIBS   libraries after the objects
#   RUN_CMD        how "make run" starts the firmware (QEMU command line or the program)
#
# Variables for the user (make VAR=value), all optional:
#   MTVM_CRT_DIR   the runtime (runtime/crt): include/ and src/          [../../crt]
#   MODEL_SRCS     the generated model's C sources                       [tiny_cnn example]
#   MODEL_INCLUDE  directories with its headers                          [tiny_cnn example]
#   MODEL_OBJS     prebuilt model objects linked as they are (mtvm-opt --target llvm) []
#   MTVM_MODEL     the model's descriptor symbol                         [mtvmgen_tiny_cnn_model]
#   MODEL_TABLE    1: run the models of the table mtvm_models[] (a source in MODEL_SRCS
#                  defines it) as PLAN_FILE says, instead of MTVM_MODEL   [0]
#   PLAN_FILE      read over semihosting (uint32 model indices; optional) [plan.bin]
#   OPT            optimisation flags                                    [-O2]
#   ERROR_DETAIL   the runtime's last error (MTVM_ERROR_DETAIL, docs/runtime.md): 0 = status
#                  name and tensor/pool name, 1 = full sentences    [0; host template: 1]
#   MODEL_CFLAGS   more flags for the model's sources only (e.g. -fno-inline-functions-called-once
#                  to keep kernels apart for runtime/crt/tools/size-breakdown.sh)        []
#   ARENA_SIZE     bytes of the static arena for inputs, outputs, pools  [65536]
#   STACK_SIZE     bytes of the main stack                               [16384]
#   REPEAT         mtvm_run calls between the counter reads              [1]
#   INPUT_FILE     read over semihosting (raw input bytes)               [inputs.bin]
#   OUTPUT_FILE    written over semihosting (raw output bytes)           [outputs.bin]
#   POOL_SHRINK    bytes taken off every pool: a test of the failure path [0]
#   FAULT_TEST     1: main reads an unmapped address first (fault test)  [0]
#   BUILD          output directory                                      [build]
#   RUN_DIR        working directory of "make run" (inputs/outputs)      [.]
#   EXTRA_CFLAGS, EXTRA_LDFLAGS
#
# Targets: all (BUILD/firmware.elf), size (flash/RAM use, checked against the board's
# limits), run, run-command (prints the command "run" uses), clean.

MTVM_CRT_DIR ?= $(abspath $(COMMON_DIR)/../../crt)
MODEL_SRCS ?= $(MTVM_CRT_DIR)/examples/tiny_cnn/mtvmgen_tiny_cnn.c
MODEL_INCLUDE ?= $(MTVM_CRT_DIR)/examples/tiny_cnn
MODEL_OBJS ?=
MTVM_MODEL ?= mtvmgen_tiny_cnn_model
MODEL_TABLE ?= 0
PLAN_FILE ?= plan.bin
OPT ?= -O2
ERROR_DETAIL ?= 0
MODEL_CFLAGS ?=
ARENA_SIZE ?= 65536
STACK_SIZE ?= 16384
REPEAT ?= 1
INPUT_FILE ?= inputs.bin
OUTPUT_FILE ?= outputs.bin
POOL_SHRINK ?= 0
FAULT_TEST ?= 0
BUILD ?= build
RUN_DIR ?= .

CC := $(CROSS)gcc
SIZE := $(CROSS)size
NM := $(CROSS)nm

# Freestanding boards link no C library: the float functions generated kernels may call
# (expf, logf, ...) come from libm/, whose math.h shadows the toolchain's.
ifneq ($(filter -ffreestanding,$(BOARD_CFLAGS)),)
LIBM_SRCS := $(COMMON_DIR)/libm/mathf.c
LIBM_INCLUDE := $(COMMON_DIR)/libm
endif

CRT_SRCS := $(MTVM_CRT_DIR)/src/status.c $(MTVM_CRT_DIR)/src/status_name.c \
            $(MTVM_CRT_DIR)/src/format.c $(MTVM_CRT_DIR)/src/runtime.c
COMMON_SRCS := $(COMMON_DIR)/mtvm_main.c $(LIBM_SRCS)
SRCS := $(COMMON_SRCS) $(BOARD_SRCS) $(CRT_SRCS) $(MODEL_SRCS)

WARNINGS := -std=c99 -Wall -Wextra -Werror -pedantic
CFLAGS := $(WARNINGS) $(OPT) -g $(ARCH_FLAGS) $(BOARD_CFLAGS) -ffunction-sections \
          -fdata-sections $(EXTRA_CFLAGS)
CPPFLAGS := -I$(BOARD_DIR) -I$(COMMON_DIR) -I$(MTVM_CRT_DIR)/include \
            $(addprefix -I,$(LIBM_INCLUDE) $(MODEL_INCLUDE)) \
            -DMTVM_MODEL=$(MTVM_MODEL) -DMTVM_ARENA_SIZE=$(ARENA_SIZE) \
            -DMTVM_REPEAT=$(REPEAT) -DMTVM_POOL_SHRINK=$(POOL_SHRINK) \
            -DMTVM_FAULT_TEST=$(FAULT_TEST) -DMTVM_MODEL_TABLE=$(MODEL_TABLE) \
            -DMTVM_ERROR_DETAIL=$(ERROR_DETAIL) \
            '-DMTVM_PLAN_FILE="$(PLAN_FILE)"' \
            '-DMTVM_INPUT_FILE="$(INPUT_FILE)"' '-DMTVM_OUTPUT_FILE="$(OUTPUT_FILE)"'
LDFLAGS := $(ARCH_FLAGS) -Wl,--gc-sections -Wl,-Map=$(BUILD)/firmware.map \
           $(BOARD_LDFLAGS) $(EXTRA_LDFLAGS)
LDLIBS := $(BOARD_LDLIBS)

ELF := $(BUILD)/firmware.elf
OBJDIR := $(BUILD)/obj
obj_of = $(OBJDIR)/$(basename $(notdir $(1))).o
OBJS := $(foreach src,$(SRCS),$(call obj_of,$(src)))

# Rebuild everything when the compiler command changes (other model, REPEAT, OPT, ...).
FLAGS_FILE := $(BUILD)/flags.txt
FLAGS_TEXT := $(CC) $(CPPFLAGS) $(CFLAGS) | $(MODEL_CFLAGS) | $(LDFLAGS) $(LDLIBS) | $(SRCS) $(MODEL_OBJS)
ifneq ($(FLAGS_TEXT),$(file <$(FLAGS_FILE)))
$(shell mkdir -p $(OBJDIR))
$(file >$(FLAGS_FILE),$(FLAGS_TEXT))
endif

.PHONY: all size run run-command clean
all: $(ELF)

define mtvm_compile_rule
$(call obj_of,$(1)): $(1) $(FLAGS_FILE)
	@mkdir -p $(OBJDIR)
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(2) -MMD -MP -c $$< -o $$@
endef
# The runtime's sources also see its private header; the mem* functions must not be
# compiled back into calls of themselves; the model's sources get MODEL_CFLAGS.
$(foreach src,$(COMMON_SRCS) $(BOARD_SRCS),\
  $(eval $(call mtvm_compile_rule,$(src),$(if $(findstring freestanding.c,$(src)),-fno-tree-loop-distribute-patterns))))
$(foreach src,$(MODEL_SRCS),$(eval $(call mtvm_compile_rule,$(src),$(MODEL_CFLAGS))))
$(foreach src,$(CRT_SRCS),$(eval $(call mtvm_compile_rule,$(src),-I$(MTVM_CRT_DIR)/src)))

$(ELF): $(OBJS) $(MODEL_OBJS) $(BOARD_LINK_DEPS)
	$(CC) $(LDFLAGS) $(OBJS) $(MODEL_OBJS) $(LDLIBS) -o $@

size: $(ELF)
	@sh $(COMMON_DIR)/size-report.sh '$(SIZE)' '$(NM)' $(ELF) $(BOARD) $(ARENA_SIZE) $(STACK_SIZE)

run: $(ELF)
	cd $(RUN_DIR) && $(RUN_CMD)

run-command:
	@echo '$(RUN_CMD)'

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)
