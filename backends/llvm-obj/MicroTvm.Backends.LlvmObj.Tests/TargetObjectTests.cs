using MicroTvm.Backends.C;

namespace MicroTvm.Backends.LlvmObj.Tests;

/// <summary>
/// The model object for every CPU is an ELF relocatable for the right machine, with the float
/// ABI the board's gcc flags give (e_flags, and the Arm build attributes the linker checks), the
/// C backend's external symbols, and — where the board's gcc is installed — the same e_flags and
/// ABI attributes as gcc's object of the C backend's source, and it links with gcc's objects.
/// </summary>
public sealed class TargetObjectTests
{
    public static TheoryData<string> Cpus() => [.. LlvmTarget.Known.Select(t => t.Cpu)];

    /// <summary>The gcc command and flags of runtime/templates/&lt;board&gt;/Makefile for each CPU.</summary>
    private static readonly Dictionary<string, (string Compiler, string[] Flags)> Gcc = new()
    {
        ["host"] = ("gcc", ["-fPIC"]),
        ["cortex-m3"] = ("arm-none-eabi-gcc", ["-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"]),
        ["cortex-m4"] = ("arm-none-eabi-gcc", ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]),
        ["cortex-m7"] = ("arm-none-eabi-gcc", ["-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-d16"]),
        ["cortex-m55"] = ("arm-none-eabi-gcc", ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"]),
        ["riscv32"] = ("riscv64-unknown-elf-gcc", ["-march=rv32imafc", "-mabi=ilp32f", "-mcmodel=medany"]),
    };

    private static readonly Lazy<Module> TinyCnn = new(() => AotPipeline.CompileOrThrow(AotPipeline.Sample("tiny_cnn.mir")));

    [LlvmFact]
    public void EveryCpuGetsARelocatableObjectForItsMachineAndFloatAbi()
    {
        foreach (var target in LlvmTarget.Known)
        {
            var (name, bytes) = LlvmModelEmitter.EmitObject(TinyCnn.Value, "tiny_cnn", target);
            Assert.Equal("mtvmgen_tiny_cnn.o", name);
            var header = ElfHeader.Read(bytes);
            Assert.Equal(target.PointerBytes == 8 ? 2 : 1, header.Class);
            Assert.Equal(1, header.Data);
            Assert.Equal(1, header.Type);
            Assert.True(target.ElfMachine == header.Machine, $"{target.Cpu}: e_machine {header.Machine}, expected {target.ElfMachine}");
            Assert.True(header.Flags == target.ElfFlags, $"{target.Cpu}: e_flags 0x{header.Flags:x}, expected 0x{target.ElfFlags:x}");
        }
    }

    [LlvmFact("readelf")]
    public void ObjectsExportTheCBackendsSymbolsAndKeepEverythingElseLocal()
    {
        foreach (var target in LlvmTarget.Known)
        {
            using var scratch = new ScratchDirectory();
            File.WriteAllBytes(scratch.File("model.o"), LlvmModelEmitter.EmitObject(TinyCnn.Value, "tiny_cnn", target).Bytes);
            var symbols = ExternalProgram.Check("readelf", "-sW", scratch.File("model.o")).Split('\n')
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 8 && fields[4] == "GLOBAL")
                .Select(fields => (Name: fields[7], Defined: fields[6] != "UND"))
                .ToList();
            var defined = symbols.Where(s => s.Defined).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["mtvmgen_tiny_cnn_model", "mtvmgen_tiny_cnn_run"], defined);
            Assert.Contains(symbols, s => s.Name == "mtvm_run" && !s.Defined);
        }
    }

    [LlvmFact("readelf")]
    public void ObjectsMatchGccsHeaderFlagsAndAbiAttributesWhereTheBoardCompilerIsInstalled()
    {
        var code = CModelEmitter.Emit(TinyCnn.Value, "tiny_cnn", "llvm-obj tests");
        var compared = 0;
        foreach (var target in LlvmTarget.Known)
        {
            var (compiler, flags) = Gcc[target.Cpu];
            if (!ExternalProgram.IsAvailable(compiler))
            {
                continue;
            }

            using var scratch = new ScratchDirectory();
            File.WriteAllText(scratch.File(code.HeaderName), code.Header);
            File.WriteAllText(scratch.File(code.SourceName), code.Source);
            var runtimeInclude = Path.Combine(IR.Testing.TestEnvironment.RepoRoot, "runtime", "crt", "include");
            string[] freestanding = target.Cpu == "host" ? [] : ["-ffreestanding"];
            ExternalProgram.Check(compiler, [.. flags, .. freestanding, "-std=c99", "-O2", $"-I{scratch.Path}", $"-I{runtimeInclude}", "-c", scratch.File(code.SourceName), "-o", scratch.File("gcc.o")]);
            File.WriteAllBytes(scratch.File("llvm.o"), LlvmModelEmitter.EmitObject(TinyCnn.Value, "tiny_cnn", target).Bytes);
            var gccHeader = ElfHeader.Read(File.ReadAllBytes(scratch.File("gcc.o")));
            var llvmHeader = ElfHeader.Read(File.ReadAllBytes(scratch.File("llvm.o")));
            Assert.True(gccHeader.Machine == llvmHeader.Machine && gccHeader.Flags == llvmHeader.Flags,
                $"{target.Cpu}: gcc's object has e_machine {gccHeader.Machine}, e_flags 0x{gccHeader.Flags:x}; LLVM's {llvmHeader.Machine}, 0x{llvmHeader.Flags:x}");
            if (target.Cpu != "host")
            {
                var gccAttributes = target.ElfMachine == LlvmTarget.MachineArm ? AbiAttributes(scratch.File("gcc.o")) : [];
                var llvmAttributes = target.ElfMachine == LlvmTarget.MachineArm ? AbiAttributes(scratch.File("llvm.o")) : [];
                foreach (var tag in new[] { "Tag_ABI_VFP_args", "Tag_ABI_enum_size", "Tag_CPU_arch", "Tag_ABI_PCS_wchar_t" })
                {
                    Assert.True(
                        gccAttributes.GetValueOrDefault(tag) == llvmAttributes.GetValueOrDefault(tag),
                        $"{target.Cpu}: {tag} is '{gccAttributes.GetValueOrDefault(tag)}' in gcc's object, '{llvmAttributes.GetValueOrDefault(tag)}' in LLVM's");
                }

                // The linker merges the attributes and refuses mismatched float ABIs: link with the runtime gcc builds.
                var runtime = Path.Combine(IR.Testing.TestEnvironment.RepoRoot, "runtime", "crt", "src", "runtime.c");
                ExternalProgram.Check(compiler, [.. flags, .. freestanding, "-std=c99", "-O2", $"-I{runtimeInclude}", "-c", runtime, "-o", scratch.File("runtime.o")]);
                ExternalProgram.Check(compiler, [.. flags, "-r", "-nostdlib", scratch.File("runtime.o"), scratch.File("llvm.o"), "-o", scratch.File("both.o")]);
            }

            compared++;
        }

        Assert.True(compared > 0 || Environment.GetEnvironmentVariable("CI") != "true", "no board compiler is installed to compare with");
    }

    /// <summary>
    /// A float argument travels in a float register on the hard-float targets: a kernel storing
    /// <c>exp(x)</c> stores the value libm returned from a VFP (s0) or F (fa0) register.
    /// </summary>
    [LlvmFact]
    public void FloatArgumentsOfLibmCallsUseTheHardFloatConvention()
    {
        var x = new IR.Kernels.KernelBuffer("x", ElementType.F32, 4, IR.Kernels.BufferRole.Input);
        var y = new IR.Kernels.KernelBuffer("y", ElementType.F32, 4, IR.Kernels.BufferRole.Output);
        var i = new IR.Kernels.Var("i", ElementType.I32);
        var kernel = new IR.Kernels.KernelFunction("exp", [x, y], new IR.Kernels.For(i, 4,
            new IR.Kernels.Store(y, i, new IR.Kernels.Call(IR.Kernels.Intrinsic.Exp, [new IR.Kernels.Load(x, i)]))));
        foreach (var (cpu, hardStore, softStore) in new[] { ("cortex-m4", "vstr", "str\tr0"), ("cortex-m55", "vstr", "str\tr0"), ("riscv32", "fsw\tfa0", "sw\ta0") })
        {
            var target = LlvmTarget.Find(cpu)!;
            var assembly = LlvmCompiler.EmitAssembly(LlvmKernelEmitter.EmitModule([new LlvmKernelDefinition(kernel, "exp_kernel")], target, "exp.ll"), target, "exp.ll");
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(assembly, hardStore), $"{cpu}: no {hardStore} after the call:\n{assembly}");
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(assembly, softStore), $"{cpu}: the result comes back in an integer register:\n{assembly}");
        }
    }

    private static Dictionary<string, string> AbiAttributes(string path) =>
        ExternalProgram.Check("readelf", "-A", path).Split('\n')
            .Select(line => line.Trim().Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].StartsWith("Tag_", StringComparison.Ordinal))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
}
