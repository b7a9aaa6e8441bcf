using TorchSharp;
using static TorchSharp.torch;
var gru = nn.GRU(4, 8, batchFirst: true);
var x = randn(2, 5, 4);
var (y, h) = gru.call(x, null);
Console.WriteLine(string.Join(",", y.shape));
