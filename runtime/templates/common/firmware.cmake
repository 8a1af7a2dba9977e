# MicroTvm firmware templates: the CMake logic every board's CMakeLists.txt includes; the
# CMake twin of firmware.mk (same variables, same flags, same targets).
#
# The board's CMakeLists.txt sets, before including this file:
#   MTVM_BOARD, MTVM_BOARD_DIR, MTVM_COMMON_DIR
#   MTVM_BOARD_SRCS         start-up and support sources
#   MTVM_BOARD_CFLAGS       more compile flags (a list)
#   MTVM_BOARD_LDFLAGS      link flags (a list; @STACK_SIZE@ is replaced)
#   MTVM_BOARD_LDLIBS       libraries after the objects
#   MTVM_BOARD_LINK_DEPENDS files the link depends on (linker scripts)
#   MTVM_RUN_COMMAND        how the "run" target starts the firmware (@ELF@ is replaced)
# and the toolchain file sets the compiler, the architecture flags (CMAKE_C_FLAGS_INIT) and
# MTVM_SIZE_TOOL / MTVM_NM_TOOL.
#
# Cache variables for the user (-DVAR=value), as in firmware.mk:
#   MTVM_CRT_DIR MODEL_SRCS MODEL_INCLUDE MODEL_OBJS MTVM_MODEL MODEL_TABLE OPT ERROR_DETAIL
#   MODEL_CFLAGS ARENA_SIZE STACK_SIZE REPEAT INPUT_FILE OUTPUT_FILE PLAN_FILE POOL_SHRINK
#   FAULT_TEST RUN_DIR
# The board's CMakeLists.txt may set MTVM_BOARD_ERROR_DETAIL (ERROR_DETAIL's default, else 0).
# Targets: firmware (firmware.elf), size, run.

get_filename_component(_mtvm_default_crt "${MTVM_COMMON_DIR}/../../crt" ABSOLUTE)
set(MTVM_CRT_DIR "${_mtvm_default_crt}" CACHE PATH "The runtime (runtime/crt): include/ and src/")
set(MODEL_SRCS "${MTVM_CRT_DIR}/examples/tiny_cnn/mtvmgen_tiny_cnn.c" CACHE STRING
    "The generated model's C sources (a list)")
set(MODEL_INCLUDE "${MTVM_CRT_DIR}/examples/tiny_cnn" CACHE STRING
    "Directories with the generated model's headers (a list)")
set(MODEL_OBJS "" CACHE STRING "Prebuilt model objects linked as they are (mtvm-opt --target llvm; a list)")
set(MTVM_MODEL mtvmgen_tiny_cnn_model CACHE STRING "The model's descriptor symbol")
set(MODEL_TABLE 0 CACHE STRING "1: run the models of the table mtvm_models[] as PLAN_FILE says")
set(PLAN_FILE plan.bin CACHE STRING "uint32 model indices, read over semihosting (optional)")
set(OPT -O2 CACHE STRING "Optimisation flags")
if(NOT DEFINED MTVM_BOARD_ERROR_DETAIL)
  set(MTVM_BOARD_ERROR_DETAIL 0)
endif()
set(ERROR_DETAIL ${MTVM_BOARD_ERROR_DETAIL} CACHE STRING
    "The runtime's last error (MTVM_ERROR_DETAIL): 0 = status and tensor/pool name, 1 = sentences")
set(MODEL_CFLAGS "" CACHE STRING "More flags for the model's sources only")
set(ARENA_SIZE 65536 CACHE STRING "Bytes of the static arena for inputs, outputs and pools")
set(STACK_SIZE 16384 CACHE STRING "Bytes of the main stack")
set(REPEAT 1 CACHE STRING "mtvm_run calls between the counter reads")
set(INPUT_FILE inputs.bin CACHE STRING "Raw input bytes, read over semihosting")
set(OUTPUT_FILE outputs.bin CACHE STRING "Raw output bytes, written over semihosting")
set(POOL_SHRINK 0 CACHE STRING "Bytes taken off every pool (a test of the failure path)")
set(FAULT_TEST 0 CACHE STRING "1: main reads an unmapped address first (a test of the fault report)")
set(RUN_DIR "${CMAKE_BINARY_DIR}" CACHE PATH "Working directory of the run target")

set(_mtvm_crt_srcs ${MTVM_CRT_DIR}/src/status.c ${MTVM_CRT_DIR}/src/status_name.c
    ${MTVM_CRT_DIR}/src/format.c ${MTVM_CRT_DIR}/src/runtime.c)

# Freestanding boards link no C library: the float functions generated kernels may call
# (expf, logf, ...) come from libm/, whose math.h shadows the toolchain's.
set(_mtvm_libm_srcs)
set(_mtvm_libm_include)
if("-ffreestanding" IN_LIST MTVM_BOARD_CFLAGS)
  set(_mtvm_libm_srcs ${MTVM_COMMON_DIR}/libm/mathf.c)
  set(_mtvm_libm_include ${MTVM_COMMON_DIR}/libm)
endif()

add_executable(firmware ${MTVM_COMMON_DIR}/mtvm_main.c ${_mtvm_libm_srcs} ${MTVM_BOARD_SRCS}
               ${_mtvm_crt_srcs} ${MODEL_SRCS} ${MODEL_OBJS})
set_target_properties(firmware PROPERTIES SUFFIX ".elf")
target_include_directories(firmware PRIVATE ${MTVM_BOARD_DIR} ${MTVM_COMMON_DIR}
                           ${MTVM_CRT_DIR}/include ${_mtvm_libm_include} ${MODEL_INCLUDE})
target_compile_definitions(firmware PRIVATE
    MTVM_MODEL=${MTVM_MODEL} MTVM_ARENA_SIZE=${ARENA_SIZE} MTVM_REPEAT=${REPEAT}
    MTVM_POOL_SHRINK=${POOL_SHRINK} MTVM_FAULT_TEST=${FAULT_TEST} MTVM_MODEL_TABLE=${MODEL_TABLE}
    MTVM_ERROR_DETAIL=${ERROR_DETAIL}
    "MTVM_PLAN_FILE=\"${PLAN_FILE}\""
    "MTVM_INPUT_FILE=\"${INPUT_FILE}\"" "MTVM_OUTPUT_FILE=\"${OUTPUT_FILE}\"")
separate_arguments(_mtvm_opt UNIX_COMMAND "${OPT}")
target_compile_options(firmware PRIVATE
    $<$<COMPILE_LANGUAGE:C>:-std=c99 -Wall -Wextra -Werror -pedantic>
    ${_mtvm_opt} -g ${MTVM_BOARD_CFLAGS} -ffunction-sections -fdata-sections)
set_source_files_properties(${_mtvm_crt_srcs} PROPERTIES
    INCLUDE_DIRECTORIES ${MTVM_CRT_DIR}/src)
if(MODEL_CFLAGS)
  separate_arguments(_mtvm_model_cflags UNIX_COMMAND "${MODEL_CFLAGS}")
  set_source_files_properties(${MODEL_SRCS} PROPERTIES COMPILE_OPTIONS "${_mtvm_model_cflags}")
endif()
set_source_files_properties(${MTVM_COMMON_DIR}/freestanding.c PROPERTIES
    COMPILE_OPTIONS -fno-tree-loop-distribute-patterns)

string(REPLACE "@STACK_SIZE@" "${STACK_SIZE}" _mtvm_ldflags "${MTVM_BOARD_LDFLAGS}")
target_link_options(firmware PRIVATE -Wl,--gc-sections
                    -Wl,-Map=${CMAKE_CURRENT_BINARY_DIR}/firmware.map ${_mtvm_ldflags})
target_link_libraries(firmware PRIVATE ${MTVM_BOARD_LDLIBS})
if(MTVM_BOARD_LINK_DEPENDS)
  set_target_properties(firmware PROPERTIES LINK_DEPENDS "${MTVM_BOARD_LINK_DEPENDS}")
endif()

add_custom_target(size
    COMMAND sh ${MTVM_COMMON_DIR}/size-report.sh ${MTVM_SIZE_TOOL} ${MTVM_NM_TOOL}
            $<TARGET_FILE:firmware> ${MTVM_BOARD} ${ARENA_SIZE} ${STACK_SIZE}
    DEPENDS firmware VERBATIM)

string(REPLACE "@ELF@" "$<TARGET_FILE:firmware>" _mtvm_run "${MTVM_RUN_COMMAND}")
add_custom_target(run COMMAND ${_mtvm_run} WORKING_DIRECTORY ${RUN_DIR} DEPENDS firmware
                  USES_TERMINAL VERBATIM)
