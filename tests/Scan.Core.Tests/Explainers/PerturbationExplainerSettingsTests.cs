using Scan.Core.Data;
using Scan.Core.Explainers;

namespace Scan.Core.Tests.Explainers;

public class PerturbationExplainerSettingsTests
{
    public static TheoryData<PerturbationExplainerSettings, string> BadSettings => new()
    {
        { new() { RiseMasks = 0 }, "RiseMasks" },
        { new() { RiseGrid = 0 }, "RiseGrid" },
        { new() { RiseProbability = 0 }, "RiseProbability" },
        { new() { RiseProbability = 1.5 }, "RiseProbability" },
        { new() { LimeSamples = 1 }, "LimeSamples" },
        { new() { LimeSegments = 0 }, "LimeSegments" },
        { new() { LimeCompactness = double.NaN }, "LimeCompactness" },
        { new() { LimeKernelWidth = 0 }, "LimeKernelWidth" },
        { new() { LimeRidge = -1 }, "LimeRidge" },
        { new() { BatchSize = 0 }, "BatchSize" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(PerturbationExplainerSettings settings, string name)
    {
        var error = Assert.Throws<ScanInputException>(() => settings.Validate());

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Pass() => new PerturbationExplainerSettings().Validate();

    [Theory]
    [InlineData("rise", false)]
    [InlineData("lime", true)]
    public void Registry_PerturbationMethod_IsCreatedWithItsResolutionFlag(string name, bool finer)
    {
        using var model = QuadrantTarget.Create(new ImageShape(1, 8, 8));
        var context = new ExplainerContext(model, "features", null, null, 1) { Perturbation = new() { RiseMasks = 10 } };

        var explainer = ExplainerRegistry.Create(name, context);

        Assert.Equal(name, explainer.Name);
        Assert.Equal(finer, explainer.FinerThanFeatureGrid);
        (explainer as IDisposable)?.Dispose();
    }

    [Fact]
    public void Registry_BadPerturbationSetting_IsRejectedWhenTheMethodIsCreated()
    {
        using var model = QuadrantTarget.Create(new ImageShape(1, 8, 8));
        var context = new ExplainerContext(model, "features", null, null, 1) { Perturbation = new() { LimeSamples = 0 } };

        Assert.Throws<ScanInputException>(() => ExplainerRegistry.Create("lime", context));
    }
}
