using TorchSharp;

namespace Scan.Core.Devices;

/// <summary>Parses <c>auto|cpu|cuda[:n]</c>; auto means CUDA when present.</summary>
public static class DeviceChoice
{
    public static torch.Device Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value is "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }
        if (value is "cpu")
        {
            return torch.CPU;
        }
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new ScanInputException($"--device {text}: CUDA is not available in this build or on this machine (TorchSharp-cpu, or no GPU). Use --device cpu, or build with -p:ScanTorchBackend=cuda on a GPU machine.");
            }
            var index = 0;
            if (value.Length > 4 && (!int.TryParse(value[5..], out index) || index < 0 || index >= torch.cuda.device_count()))
            {
                throw new ScanInputException($"--device {text}: no such CUDA device; this machine has {torch.cuda.device_count()}.");
            }
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new ScanInputException($"--device {text}: expected auto, cpu, cuda or cuda:N.");
    }
}
