using System.Text;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Build;

public class ElfVersionsTests
{
    private const string Shimmable = "GLIBCXX_3.4.32";

    private static string ShippedLibTorchSharp()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static string CopyToTemp(string path)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"elf-{Guid.NewGuid():N}.so");
        File.Copy(path, copy);
        return copy;
    }

    private static string ProviderDefining(IEnumerable<string> versions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"provider-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, string.Concat(versions.Select(v => "\0" + v + "\0")), Encoding.ASCII);
        return path;
    }

    [Fact]
    public void ReadVersionNeeds_ShippedLibTorchSharp_NeedsGlibcxx3432NonWeak()
    {
        var needs = ElfVersions.ReadVersionNeeds(ShippedLibTorchSharp());

        var need = Assert.Single(needs, n => n.Version == Shimmable);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(0, need.Flags & 2);
        Assert.Contains(needs, n => n.File == "libc.so.6");
    }

    [Fact]
    public void MissingVersions_ProviderLackingOnlyTheShimmableVersion_ReportsExactlyIt()
    {
        var library = ShippedLibTorchSharp();
        var needed = ElfVersions.ReadVersionNeeds(library).Where(n => n.File == "libstdc++.so.6").Select(n => n.Version).ToList();
        var old = ProviderDefining(needed.Where(v => v != Shimmable));
        var current = ProviderDefining(needed);

        Assert.Equal([Shimmable], ElfVersions.MissingVersions(library, "libstdc++.so.6", old));
        Assert.Empty(ElfVersions.MissingVersions(library, "libstdc++.so.6", current));
    }

    [Fact]
    public void MarkVersionNeedWeak_CopyOfShippedLibrary_ChangesOnlyThatFlagAndIsIdempotent()
    {
        var original = File.ReadAllBytes(ShippedLibTorchSharp());
        var copy = CopyToTemp(ShippedLibTorchSharp());
        var old = ProviderDefining(["GLIBCXX_3.4.30"]);
        try
        {
            ElfVersions.MarkVersionNeedWeak(copy, Shimmable);
            var once = File.ReadAllBytes(copy);
            ElfVersions.MarkVersionNeedWeak(copy, Shimmable);

            var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != once[i]).ToList();
            var flags = ElfVersions.ReadVersionNeeds(copy).Single(n => n.Version == Shimmable);
            Assert.Equal([(int)flags.FlagsOffset], changed);
            Assert.Equal(2, flags.Flags & 2);
            Assert.Equal(once, File.ReadAllBytes(copy));
            Assert.DoesNotContain(Shimmable, ElfVersions.MissingVersions(copy, "libstdc++.so.6", old));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void ReadVersionNeeds_NotAnElfFile_ThrowsNamingTheFile()
    {
        var path = ProviderDefining(["not elf"]);

        var error = Assert.Throws<InvalidDataException>(() => ElfVersions.ReadVersionNeeds(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void BuildOutput_ThisMachine_IsPatchedExactlyWhenTheSystemLibStdCxxLacksTheVersion()
    {
        var system = ElfVersions.FindSystemLibStdCxx();
        Assert.NotNull(system);
        var lacksVersion = !File.ReadAllText(system, Encoding.Latin1).Contains(Shimmable + "\0", StringComparison.Ordinal);
        var output = AppContext.BaseDirectory;
        var outputLibrary = Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var weak = (ElfVersions.ReadVersionNeeds(outputLibrary).Single(n => n.Version == Shimmable).Flags & 2) != 0;

        Assert.Equal(lacksVersion, File.Exists(Path.Combine(output, TorchNativeSetup.ShimFileName)));
        Assert.Equal(lacksVersion, weak);
        TorchNativeSetup.EnsureLoaded(output);
        Assert.Equal(lacksVersion, TorchNativeSetup.ShimLoaded);
        using var product = ones(64, 64).matmul(ones(64, 64));
        Assert.Equal(64f, product[0, 0].item<float>());
    }
}
