"""Writes the PyTorch references the `.bin` reader tests compare against.

Regenerate (from the repository root, with torch installed, e.g. `python3 -m venv /opt/refenv &&
/opt/refenv/bin/pip install torch`):

    /opt/refenv/bin/python Tests/ModelStoreTests/Fixtures/make_bin_references.py ../shared/fixtures/models

It writes, beside itself:
- bin-fixture-references.json: for every tensor of the shared fixtures' pytorch_model.bin files, as
  torch.load(weights_only=True) reads them: dtype, shape, the float64 sum, the first 4 and the last value;
- torch-layouts.bin (zip, saved to a path: prefix "torch-layouts"), torch-layouts-buffer.bin (zip, saved to a
  buffer: prefix "archive"), torch-layouts-legacy.bin (legacy format) and torch-wrapped.bin (a {"state_dict": …}
  wrapper), all small, with views, shared storages, offsets, strides and every dtype the reader handles;
- torch-layouts.json: every value of those tensors in row-major order.
"""
import io
import json
import os
import sys
from collections import OrderedDict

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64", torch.int64: "I64"}
FIXTURES = ["tiny-bert-2label-bin", "tiny-bert-legacy-bin", "tiny-bert-cat"]


def summary(tensor):
    flat = tensor.reshape(-1)
    values = flat.tolist() if tensor.dtype == torch.int64 else flat.float().tolist()
    return {
        "dtype": DTYPES[tensor.dtype],
        "shape": list(tensor.shape),
        "sum": float(flat.double().sum()),
        "first": values[:4],
        "last": values[-1] if values else None,
    }


def fixture_references(models):
    references = {}
    for name in FIXTURES:
        state = torch.load(os.path.join(models, name, "pytorch_model.bin"), weights_only=True, map_location="cpu")
        references[name] = {key: summary(value) for key, value in state.items()}
    return references


def layouts():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8 - 1
    halves = torch.arange(6, dtype=torch.float16).reshape(2, 3) / 4
    state = OrderedDict()
    state["full"] = base
    state["transposed"] = base.t()
    state["rows"] = base[1:3]
    state["columns"] = base[:, 2:5]
    state["stepped"] = base[::2, ::3]
    state["expanded"] = torch.tensor([1.5, -2.0]).expand(3, 2)
    state["scalar"] = torch.tensor(3.25)
    state["empty"] = torch.zeros(0, 4)
    state["half"] = torch.tensor([1.5, -2, 65504, 2**-24, 0.1], dtype=torch.float16)
    state["half_transposed"] = halves.t()
    state["bfloat"] = torch.tensor([1.0, -3.0, 3.140625, 1e30], dtype=torch.bfloat16)
    state["double"] = torch.tensor([[0.1, -3.25], [1e-40, 7.0]], dtype=torch.float64)
    state["positions"] = torch.arange(5).unsqueeze(0)
    state["parameter"] = torch.nn.Parameter(torch.tensor([0.5, 0.25]))
    return state


def values(tensor):
    flat = tensor.detach().reshape(-1)
    return {
        "dtype": DTYPES[tensor.dtype],
        "shape": list(tensor.shape),
        "values": flat.tolist() if tensor.dtype == torch.int64 else flat.float().tolist(),
    }


def main():
    models = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/fixtures/models")
    with open(os.path.join(HERE, "bin-fixture-references.json"), "w") as out:
        json.dump(fixture_references(models), out, indent=1, sort_keys=True)
        out.write("\n")

    state = layouts()
    torch.save(state, os.path.join(HERE, "torch-layouts.bin"))
    buffer = io.BytesIO()
    torch.save(state, buffer)
    with open(os.path.join(HERE, "torch-layouts-buffer.bin"), "wb") as out:
        out.write(buffer.getvalue())
    torch.save(state, os.path.join(HERE, "torch-layouts-legacy.bin"), _use_new_zipfile_serialization=False)
    wrapped = {"state_dict": OrderedDict(full=state["full"], half=state["half"]), "epoch": 3}
    torch.save(wrapped, os.path.join(HERE, "torch-wrapped.bin"))
    with open(os.path.join(HERE, "torch-layouts.json"), "w") as out:
        json.dump({key: values(value) for key, value in state.items()}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
