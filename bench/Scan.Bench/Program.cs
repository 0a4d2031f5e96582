using Scan.Bench;
using Scan.Core.Devices;

// Benchmarks that report ratios against a baseline measured in the same process.
//   widths TARGET_DIR [steps]                        decoder-training throughput for several decoder widths
//   explain TARGET_DIR DECODER_DIR [rounds] [batch]  explanation time per image: SCAN and its parts against Grad-CAM
//   allreduce TARGET_DIR [rounds] [values]           all-reduce of a decoder-sized gradient (or of N values) on 2, 3, 4 silo processes vs the ring bound
//   train-scaling TARGET_DIR [steps] [batch]         training samples/s on 1, 2, 3 silo processes vs one in-process worker
//   eval-scaling TARGET_DIR [images] [shard]         evaluation images/s on 1, 2, 3 silo processes vs in-process
//   imported TARGET_DIR [layers] [rounds] [batch]    an imported target (ResNet-50 at 224): forward, features + gradients per layer, SCAN vs Grad-CAM, a training step's memory
// The cluster benchmarks start redis-server and scan-silo processes on this machine and stop them at the end.
// SCAN_THREADS=N caps TorchSharp's CPU threads, as for the scan client.
CpuThreads.ApplyEnvironment();
switch (args.FirstOrDefault())
{
    case "allreduce" when args.Length >= 2:
        await AllReduceBench.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 20, args.Length > 3 ? int.Parse(args[3]) : null);
        break;
    case "train-scaling" when args.Length >= 2:
        await TrainingScalingBench.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 30, args.Length > 3 ? int.Parse(args[3]) : 128);
        break;
    case "eval-scaling" when args.Length >= 2:
        await EvaluationScalingBench.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 2000, args.Length > 3 ? int.Parse(args[3]) : 250);
        break;
    case "widths" when args.Length >= 2:
        DecoderWidthBench.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 10);
        break;
    case "imported" when args.Length >= 2:
        ImportedModelBench.Run(args[1], (args.Length > 2 ? args[2] : "layer3,layer4").Split(','), args.Length > 3 ? int.Parse(args[3]) : 3, args.Length > 4 ? int.Parse(args[4]) : 32);
        break;
    case "explain" when args.Length >= 3:
        ExplainSpeedBench.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 10, args.Length > 4 ? int.Parse(args[4]) : 100);
        break;
    default:
        Console.Error.WriteLine("usage: Scan.Bench widths TARGET_DIR [steps] | explain TARGET_DIR DECODER_DIR [rounds] [batch] | allreduce TARGET_DIR [rounds] [values] | train-scaling TARGET_DIR [steps] [batch] | eval-scaling TARGET_DIR [images] [shard] | imported TARGET_DIR [layers] [rounds] [batch]");
        Environment.Exit(2);
        break;
}
