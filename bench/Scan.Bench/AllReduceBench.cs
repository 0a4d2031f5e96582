using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Scan.Core;
using Scan.Core.Decoders;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Placement;

namespace Scan.Bench;

/// <summary>
/// Seconds per all-reduce of a decoder-sized gradient among 2, 3 and 4 silo processes on loopback, against the ring
/// bound 2(N−1)/N · S / B, with B the loopback bandwidth measured in the same run.
/// </summary>
internal static class AllReduceBench
{
    /// <param name="elements">The vector's length; null: the default decoder's parameter count for the target's default layer.</param>
    public static async Task RunAsync(string targetDirectory, int rounds, int? elements)
    {
        elements ??= DecoderParameters(targetDirectory);
        var bytes = elements.Value * (long)sizeof(double);
        var bandwidth = LoopbackBytesPerSecond(256 << 20);
        Console.WriteLine($"gradient: {elements} values, sent as float64: S = {bytes / 1e6:F2} MB; loopback bandwidth B = {bandwidth / 1e9:F2} GB/s (one TCP stream, same run)");
        Console.WriteLine("silos  s/all-reduce (median)  ring bound 2(N−1)/N·S/B  ratio  bytes sent per worker");
        foreach (var silos in new[] { 2, 3, 4 })
        {
            var root = Directory.CreateTempSubdirectory("scan-bench-").FullName;
            await using var cluster = await BenchCluster.StartAsync(root, silos);
            var places = await WorkerPlacement.ActiveSilosAsync(cluster.Client);
            var job = $"allreduce-{Guid.NewGuid():N}";
            var workers = Enumerable.Range(0, silos).Select(r => cluster.Client.GetGrain<IDecoderWorkerGrain>($"{job}/{r}")).ToList();
            await Task.WhenAll(workers.Select((w, r) => WorkerPlacement.OnSilo(places[r], () => w.InitializeExchangeAsync(job, r, silos, elements.Value))));
            var times = new List<double>();
            long sent = 0;
            for (var step = 0; step < rounds + 3; step++)
            {
                var clock = Stopwatch.StartNew();
                var perWorker = await Task.WhenAll(workers.Select(w => w.ExchangeAsync(step)));
                if (step >= 3)
                {
                    times.Add(clock.Elapsed.TotalSeconds);
                    sent = perWorker.Max();
                }
            }
            var median = times.Order().ElementAt(times.Count / 2);
            var bound = 2.0 * (silos - 1) / silos * bytes / bandwidth;
            Console.WriteLine($"{silos,5}  {median,21:F4}  {bound,23:F4}  {median / bound,5:F1}  {sent / 1e6:F2} MB ({sent / (double)bytes:F2} S)");
            Directory.Delete(root, recursive: true);
        }
    }

    private static int DecoderParameters(string targetDirectory)
    {
        using var target = TargetStore.Load(targetDirectory, TorchSharp.torch.CPU);
        using var decoder = DecoderFactory.Create(target.LayoutOf(target.ResolveLayer(null)), target.InputShape, new ScanSettings());
        return FlatGradients.Length(decoder);
    }

    /// <summary>Bytes per second through one loopback TCP connection, sending <paramref name="total"/> bytes.</summary>
    private static double LoopbackBytesPerSecond(int total)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var receiver = Task.Run(() =>
        {
            using var socket = listener.AcceptSocket();
            var buffer = new byte[1 << 20];
            long received = 0;
            while (received < total)
            {
                received += socket.Receive(buffer);
            }
        });
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sender.Connect((IPEndPoint)listener.LocalEndpoint);
        var chunk = new byte[1 << 20];
        var clock = Stopwatch.StartNew();
        for (var sentBytes = 0; sentBytes < total; sentBytes += chunk.Length)
        {
            sender.Send(chunk);
        }
        receiver.Wait();
        return total / clock.Elapsed.TotalSeconds;
    }
}
