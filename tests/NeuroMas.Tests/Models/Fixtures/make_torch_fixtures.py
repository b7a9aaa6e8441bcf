# Made by: /usr/bin/python3 tests/NeuroMas.Tests/Models/Fixtures/make_torch_fixtures.py   (from the repository root; Debian's python)
# Needs Debian 12's torch and a real BLAS (apt-get install -y python3-torch libopenblas0-pthread; with Debian's
# generic reference BLAS alone training is ~6x slower). Deterministic (fixed seeds, 1 thread). ~10 min of CPU.
#
# Trains a small GRU and LSTM in PyTorch on multi-object (counts 1..10) until free-running trial accuracy
# >= 99%, and writes, next to this script, each layout NeuroMas imports:
#   gru.pt / gru.safetensors    torch.nn.GRU (batch_first), keys under "model." (as a wrapper module saves them)
#   ref-gru.pt                  the reference code's layout: embeddings, rnns.0 (GRUCell), decoder.0, lm_head,
#                               its own token ids, state kept on P and E, saved as {"state_dict": ..., "config": ...}
#   lstm.pt                     torch.nn.LSTM, tanh MLP read-out, hook [h; c]
#   gru2.pt                     untrained 2-layer nn.GRU with a single Linear read-out
#   ref-lstm.safetensors        untrained reference LSTMCell layout (hidden d/2), ReLU MLP, hook [c; h]
#   lstm2.safetensors           untrained 2-layer nn.LSTM, hook h only
#   gru-script.pt               TorchScript module (step / readout / initial_state) holding the trained GRU
# plus <name>.expected.safetensors: the tokens of a few fixed sequences, the hook states and logits PyTorch
# computes on them, and for trained networks the free-running trial accuracy PyTorch measured on
# eval-sequences.safetensors. The .yaml specs beside them are written by hand.
import json
import os
import struct

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)

# NeuroMas's token ids (src/NeuroMas/Tasks/Vocabulary.cs).
P, B, T, E, R, D, D0, D1, D2 = range(9)
MAX_COUNT = 10  # the task's counts 1..10 (TaskCatalog.Get("multi-object", maxCount: 10)): keeps training to minutes
MAX_LEN = 1 + MAX_COUNT + 1 + MAX_COUNT + 1


def sample(gen, n_seq):
    """multi-object sequences as NeuroMas defines them: B, n demo tokens from D0 D1 D2, T, n R, E; padded with P."""
    tokens = torch.full((n_seq, MAX_LEN), P, dtype=torch.long)
    scored = torch.zeros((n_seq, MAX_LEN), dtype=torch.bool)
    counts = torch.randint(1, MAX_COUNT + 1, (n_seq,), generator=gen)
    for b, n in enumerate(counts.tolist()):
        demo = torch.randint(D0, D2 + 1, (n,), generator=gen).tolist()
        seq = [B] + demo + [T] + [R] * n + [E]
        tokens[b, :len(seq)] = torch.tensor(seq)
        scored[b, n + 2:2 * n + 3] = True  # the responses and E: what the network itself must emit
    return tokens, scored


def fixed_sequences():
    gen = torch.Generator().manual_seed(7)
    tokens, _ = sample(gen, 6)
    for b, n in enumerate([1, 3, 5, 7, 9, 10]):  # counts across the range, including the longest
        demo = torch.randint(D0, D2 + 1, (n,), generator=gen).tolist()
        seq = [B] + demo + [T] + [R] * n + [E]
        tokens[b] = P
        tokens[b, :len(seq)] = torch.tensor(seq)
    return tokens


class Net(nn.Module):
    """Embedding, nn.GRU / nn.LSTM, read-out. step() keeps the state where `keep` (skip tokens) is true."""

    def __init__(self, kind, width, hidden, layers, readout, vocab=9, batch_first=True):
        super().__init__()
        self.kind, self.batch_first = kind, batch_first
        self.embedding = nn.Embedding(vocab, width)
        self.rnn = (nn.GRU if kind == "gru" else nn.LSTM)(width, hidden, layers, batch_first=batch_first)
        self.readout = readout

    def run(self, tokens):
        """Hook states [batch, time, layers*hidden(*2)] (layer 0 first; LSTM per layer [h; c]) and top h."""
        x = self.embedding(tokens)
        if not self.batch_first:
            x = x.transpose(0, 1)
        state, hooks, tops = None, [], []
        for t in range(tokens.shape[1]):
            step = x[t:t + 1] if not self.batch_first else x[:, t:t + 1]
            out, state = self.rnn(step, state)
            if self.kind == "gru":
                hooks.append(state.transpose(0, 1).reshape(tokens.shape[0], -1))
                tops.append(state[-1])
            else:
                h, c = state
                hooks.append(torch.cat([torch.cat([h[l], c[l]], -1) for l in range(h.shape[0])], -1))
                tops.append(h[-1])
        return torch.stack(hooks, 1), torch.stack(tops, 1)

    def forward(self, tokens):
        out, _ = self.rnn(self.embedding(tokens if self.batch_first else tokens.t()))
        if not self.batch_first:
            out = out.transpose(0, 1)
        return self.readout(out)


def mlp(width, hidden, act):
    return nn.Sequential(nn.Linear(width, hidden), act, nn.Dropout(0.1), nn.Linear(hidden, 9))


def free_run_trial_accuracy(logits_fn, tokens, scored):
    """Feeds the environment's tokens and, where scored, the network's own argmax; trials with every scored token right."""
    with torch.no_grad():
        buffer = tokens.clone()
        wrong = torch.zeros(tokens.shape[0], dtype=torch.bool)
        for t in range(1, tokens.shape[1]):
            predicted = logits_fn(buffer[:, :t])[:, -1].argmax(-1)
            wrong |= scored[:, t] & (predicted != tokens[:, t])
            buffer[:, t] = torch.where(scored[:, t], predicted, tokens[:, t])
        return 1.0 - wrong.float().mean().item()


def teacher_forced_trial_accuracy(net, tokens, scored):
    """Equals the free-running trial accuracy: until a trial's first error, its own predictions are the given tokens."""
    with torch.no_grad():
        predicted = net(tokens[:, :-1]).argmax(-1)
        wrong = (scored[:, 1:] & (predicted != tokens[:, 1:])).any(1)
        return 1.0 - wrong.float().mean().item()


def train(net, seed, max_steps=5000):
    gen = torch.Generator().manual_seed(seed)
    val_tokens, val_scored = sample(gen, 400)
    opt = torch.optim.Adam(net.parameters(), lr=3e-3)
    for step in range(1, max_steps + 1):
        net.train()
        tokens, scored = sample(gen, 128)
        logits = net(tokens[:, :-1])
        loss = nn.functional.cross_entropy(logits[scored[:, 1:]], tokens[:, 1:][scored[:, 1:]])
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        if step % 100 == 0:
            net.eval()
            acc = teacher_forced_trial_accuracy(net, val_tokens, val_scored)
            print(f"  step {step}: loss {loss.item():.4f}, validation trial accuracy {acc:.4f}", flush=True)
            if acc >= 0.9975:
                break
    net.eval()
    return net


def write_safetensors(path, tensors):
    """The safetensors format by hand (Debian 12 has no python3-safetensors): u64 header size, JSON header, raw bytes."""
    names = {torch.float32: "F32", torch.int64: "I64", torch.int32: "I32", torch.float64: "F64"}
    header, blobs, offset = {}, [], 0
    for key in sorted(tensors):
        t = tensors[key].detach().contiguous()
        data = t.numpy().tobytes()
        header[key] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def expected(name, hooks, logits, tokens, accuracy=None):
    out = {"tokens": tokens, "states": hooks, "logits": logits}
    if accuracy is not None:
        out["trial_accuracy"] = torch.tensor([accuracy], dtype=torch.float64)
    write_safetensors(os.path.join(HERE, name + ".expected.safetensors"), out)


def prefixed(module, prefix):
    return {prefix + k: v for k, v in module.state_dict().items()}


class RefCells(nn.Module):
    """The reference code's recurrent layout (seq_models.RNN / LSTM): embeddings, rnns.<k> cells, decoder, lm_head.
    Its step leaves the state unchanged where the input is a skipped token (the reference's pad mask)."""

    def __init__(self, kind, vocab, width, hidden, act):
        super().__init__()
        self.kind = kind
        self.embeddings = nn.Embedding(vocab, width)
        self.rnns = nn.ModuleList([(nn.GRUCell if kind == "gru" else nn.LSTMCell)(width, hidden)])
        self.decoder = nn.Sequential(nn.Linear(hidden, 4 * width), act, nn.Dropout(0.1))
        self.lm_head = nn.Linear(4 * width, vocab)
        self.register_buffer("trigger_ids", torch.LongTensor([3]))

    def run(self, tokens, skip, hook_order="h"):
        batch, hidden = tokens.shape[0], self.rnns[0].hidden_size
        h = torch.zeros(batch, hidden)
        c = torch.zeros(batch, hidden)
        hooks, tops = [], []
        for t in range(tokens.shape[1]):
            x = self.embeddings(tokens[:, t])
            keep = torch.isin(tokens[:, t], skip).unsqueeze(1)
            if self.kind == "gru":
                h = torch.where(keep, h, self.rnns[0](x, h))
                hooks.append(h)
            else:
                h2, c2 = self.rnns[0](x, (h, c))
                h, c = torch.where(keep, h, h2), torch.where(keep, c, c2)
                hooks.append(torch.cat([c, h], -1) if hook_order == "c_h" else torch.cat([h, c], -1))
            tops.append(h)
        return torch.stack(hooks, 1), torch.stack(tops, 1)

    def logits(self, tops):
        return self.lm_head(self.decoder(tops))


class Scripted(nn.Module):
    """The TorchScript contract: initial_state(batch) -> [batch, S], step(tokens [batch], state) -> state,
    readout(state [..., S]) -> logits [..., V]. S is whatever the module carries; here a GRU's h."""

    def __init__(self, net: Net):
        super().__init__()
        hidden = net.rnn.hidden_size
        self.hidden = hidden
        self.embedding = net.embedding
        self.cell = nn.GRUCell(net.rnn.input_size, hidden)
        with torch.no_grad():
            for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
                getattr(self.cell, name).copy_(getattr(net.rnn, name + "_l0"))
        self.head = net.readout

    @torch.jit.export
    def initial_state(self, batch: int) -> torch.Tensor:
        return torch.zeros(batch, self.hidden)

    @torch.jit.export
    def step(self, tokens: torch.Tensor, state: torch.Tensor) -> torch.Tensor:
        return self.cell(self.embedding(tokens), state)

    @torch.jit.export
    def readout(self, state: torch.Tensor) -> torch.Tensor:
        return self.head(state)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        state = self.initial_state(tokens.shape[0])
        states = []
        for t in range(tokens.shape[1]):
            state = self.step(tokens[:, t], state)
            states.append(state)
        return torch.stack(states, 1)


def main():
    fixed = fixed_sequences()
    eval_gen = torch.Generator().manual_seed(2024)
    eval_tokens, eval_scored = sample(eval_gen, 500)
    write_safetensors(os.path.join(HERE, "eval-sequences.safetensors"), {"tokens": eval_tokens.to(torch.int32)})

    torch.manual_seed(1)
    print("training the GRU", flush=True)
    gru = train(Net("gru", 48, 48, 1, mlp(48, 192, nn.GELU())), seed=11)
    torch.manual_seed(2)
    print("training the LSTM", flush=True)
    lstm = train(Net("lstm", 32, 32, 1, mlp(32, 128, nn.Tanh())), seed=12)

    with torch.no_grad():
        # --- trained nn.GRU, saved as .pt (under "model.") and .safetensors; batch_first=False shares the weights.
        torch.save(prefixed(gru, "model."), os.path.join(HERE, "gru.pt"))
        write_safetensors(os.path.join(HERE, "gru.safetensors"), prefixed(gru, "model."))
        hooks, tops = gru.run(fixed)
        time_major = Net("gru", 48, 48, 1, mlp(48, 192, nn.GELU()), batch_first=False)
        time_major.load_state_dict(gru.state_dict())
        time_major.eval()
        assert torch.allclose(time_major.run(fixed)[0], hooks, atol=1e-6), "batch_first must not change the states"
        acc = free_run_trial_accuracy(gru, eval_tokens, eval_scored)
        print(f"GRU: free-running trial accuracy {acc:.4f} on eval-sequences")
        expected("gru", hooks, gru.readout(tops), fixed, acc)

        torch.save(lstm.state_dict(), os.path.join(HERE, "lstm.pt"))
        hooks, tops = lstm.run(fixed)
        acc = free_run_trial_accuracy(lstm, eval_tokens, eval_scored)
        print(f"LSTM: free-running trial accuracy {acc:.4f} on eval-sequences")
        expected("lstm", hooks, lstm.readout(tops), fixed, acc)

        # --- the reference layout, carrying the trained GRU's weights under the reference's own token ids:
        # P 0, B 1, E 2, T 3, R 4, D0 5, D1 6, D2 7, and an id 8 the task never uses.
        ref_ids = {P: 0, B: 1, E: 2, T: 3, R: 4, D0: 5, D1: 6, D2: 7}
        ref = RefCells("gru", 9, 48, 48, nn.GELU())
        ref.eval()
        for ours, theirs in ref_ids.items():
            ref.embeddings.weight[theirs] = gru.embedding.weight[ours]
            ref.lm_head.weight[theirs] = gru.readout[3].weight[ours]
            ref.lm_head.bias[theirs] = gru.readout[3].bias[ours]
        ref.lm_head.bias[8] = -20.0  # the unused token never wins
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(ref.rnns[0], name).copy_(getattr(gru.rnn, name + "_l0"))
        ref.decoder[0].load_state_dict(gru.readout[0].state_dict())
        torch.save({"state_dict": ref.state_dict(), "config": {"model_type": "GRU", "d_model": 48, "n_tokens": 9}},
                   os.path.join(HERE, "ref-gru.pt"))
        to_ref = torch.tensor([ref_ids.get(t, 8) for t in range(9)])
        skip = torch.tensor([ref_ids[P], ref_ids[E]])
        hooks, tops = ref.run(to_ref[fixed], skip)

        def ref_logits(prefix):
            _, top = ref.run(to_ref[prefix], skip)
            return ref.logits(top)[:, :, [ref_ids.get(t, 8) for t in range(9)]]

        acc = free_run_trial_accuracy(ref_logits, eval_tokens, eval_scored)
        print(f"reference-layout GRU: free-running trial accuracy {acc:.4f} on eval-sequences")
        expected("ref-gru", hooks, ref.logits(tops), fixed, acc)

        # --- untrained layouts: states and logits only.
        torch.manual_seed(3)
        gru2 = Net("gru", 12, 16, 2, nn.Linear(16, 9))
        gru2.eval()
        torch.save(gru2.state_dict(), os.path.join(HERE, "gru2.pt"))
        hooks, tops = gru2.run(fixed)
        expected("gru2", hooks, gru2.readout(tops), fixed)

        torch.manual_seed(4)
        ref_lstm = RefCells("lstm", 9, 16, 8, nn.ReLU())
        ref_lstm.eval()
        write_safetensors(os.path.join(HERE, "ref-lstm.safetensors"), ref_lstm.state_dict())
        hooks, tops = ref_lstm.run(fixed, torch.tensor([P]), hook_order="c_h")
        expected("ref-lstm", hooks, ref_lstm.logits(tops), fixed)

        torch.manual_seed(5)
        lstm2 = Net("lstm", 12, 10, 2, mlp(10, 20, nn.GELU()))
        lstm2.eval()
        write_safetensors(os.path.join(HERE, "lstm2.safetensors"), lstm2.state_dict())
        hooks, tops = lstm2.run(fixed)
        hidden = 10  # hook h only: per layer [h; c] -> h
        hooks = torch.cat([hooks[..., 0:hidden], hooks[..., 2 * hidden:3 * hidden]], -1)
        expected("lstm2", hooks, lstm2.readout(tops), fixed)

        # --- TorchScript.
        scripted = torch.jit.script(Scripted(gru).eval())
        scripted.save(os.path.join(HERE, "gru-script.pt"))
        states = scripted(fixed)
        acc = free_run_trial_accuracy(gru, eval_tokens, eval_scored)
        expected("gru-script", states, scripted.readout(states), fixed, acc)
    total = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE) if not f.endswith((".py", ".yaml")))
    print(f"fixtures: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
