using Scan.Bench;
using Scan.Core.Devices;

// Benchmarks that report ratios against a baseline measured in the same process.
//   widths TARGET_DIR [steps]                        decoder-training throughput for several decoder widths
//   explain TARGET_DIR DECODER_DIR [rounds] [batch]  explanation time per image: SCAN and its parts against Grad-CAM
// SCAN_THREADS=N caps TorchSharp's CPU threads, as for the scan client.
CpuThreads.ApplyEnvironment();
switch (args.FirstOrDefault())
{
    case "widths" when args.Length >= 2:
        DecoderWidthBench.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 10);
        break;
    case "explain" when args.Length >= 3:
        ExplainSpeedBench.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 10, args.Length > 4 ? int.Parse(args[4]) : 100);
        break;
    default:
        Console.Error.WriteLine("usage: Scan.Bench widths TARGET_DIR [steps] | explain TARGET_DIR DECODER_DIR [rounds] [batch]");
        Environment.Exit(2);
        break;
}
