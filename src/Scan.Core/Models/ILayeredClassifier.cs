namespace Scan.Core.Models;

/// <summary>
/// A classifier whose layers SCAN can explain, by name: each layer is a submodule, found by its path in the module
/// tree and read with a forward hook (<see cref="LayerCapture"/>), so nothing is asked of the model's own forward pass.
/// Inputs are already normalised.
/// </summary>
public interface ILayeredClassifier
{
    /// <summary>The layers that can be explained, input to output.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The layer SCAN explains by default.</summary>
    string DefaultLayer { get; }

    /// <summary>The path of <paramref name="layer"/>'s module in the model's tree (as <c>named_modules()</c> names it).</summary>
    string ModulePath(string layer);
}
